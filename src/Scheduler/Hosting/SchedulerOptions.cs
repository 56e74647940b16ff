namespace MiniPaas.Scheduler.Hosting;

/// <summary>
/// SchedulerOptions configures the control plane. Bound from the "MiniPaas" configuration section
/// (environment: <c>MiniPaas__AdminToken</c>, <c>MiniPaas__NodeTtl</c>, ...); every default is
/// documented on its property and checked by <see cref="SchedulerOptionsValidator"/>.
/// </summary>
public sealed class SchedulerOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "MiniPaas";

    /// <summary>Where the database and uploaded packages live. Default: <c>$MINIPAAS_HOME/scheduler</c>, else <c>~/.minipaas/scheduler</c>.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>host:port of the gRPC (h2c) endpoint. Default <c>127.0.0.1:7070</c>; port 0 picks a free port.</summary>
    public string GrpcEndpoint { get; set; } = "127.0.0.1:7070";

    /// <summary>Bearer token the CLI must send. Default: read from <see cref="AdminTokenFile"/>.</summary>
    public string AdminToken { get; set; } = "";

    /// <summary>File holding the admin token (trimmed). Default empty: <see cref="AdminToken"/> must be set.</summary>
    public string AdminTokenFile { get; set; } = "";

    /// <summary>Bearer token node agents send. Default empty: the admin token (single-machine mode).</summary>
    public string NodeToken { get; set; } = "";

    /// <summary>File holding the node token. Default empty.</summary>
    public string NodeTokenFile { get; set; } = "";

    /// <summary>host:port of the image registry agents pull from. Default <c>127.0.0.1:5000</c>.</summary>
    public string RegistryAddress { get; set; } = "127.0.0.1:5000";

    /// <summary>Token for the registry, given to staging and to agents. Default empty (no auth).</summary>
    public string RegistryToken { get; set; } = "";

    /// <summary>How often agents heartbeat. Default 1 s; must be shorter than <see cref="NodeTtl"/>.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A node silent for this long is lost and its instances are placed elsewhere. Default 5 s.</summary>
    public TimeSpan NodeTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Period of the repair pass that runs even when nothing signalled a change. Default 2 s.</summary>
    public TimeSpan ConvergenceInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Crashes restarted with no delay before backoff starts. Default 3.</summary>
    public int ImmediateRestarts { get; set; } = 3;

    /// <summary>First backoff delay after the immediate restarts; doubles per crash. Default 1 s.</summary>
    public TimeSpan RestartBackoffInitial { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap of the restart backoff. Default 30 s.</summary>
    public TimeSpan RestartBackoffMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>An instance that ran this long before crashing starts its crash count afresh. Default 60 s.</summary>
    public TimeSpan CrashCountResetAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many instances a rolling update replaces at the same time. Default 2.</summary>
    public int RolloutBatchSize { get; set; } = 2;

    /// <summary>A rollout halts when a new instance has crashed this many times in a row. Default 3.</summary>
    public int RolloutHaltCrashes { get; set; } = 3;

    /// <summary>Largest instance count for one app. Default 100.</summary>
    public int MaxInstancesPerApp { get; set; } = 100;

    /// <summary>Largest uploaded package. Default 1 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>How long Deploy streams progress waiting for the new instances to run. Default 3 minutes.</summary>
    public TimeSpan DeployTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How many platform events are kept; older ones are pruned. Default 10,000.</summary>
    public int EventRetention { get; set; } = 10_000;

    /// <summary>Domain of app URLs: <c>http://APP.AppsDomain:RouterPort</c>. Default <c>localhost</c>.</summary>
    public string AppsDomain { get; set; } = "localhost";

    /// <summary>Port the router serves apps on. Default 8080.</summary>
    public int RouterPort { get; set; } = 8080;

    /// <summary>Host the router listens on (for PlatformInfo). Default <c>127.0.0.1</c>.</summary>
    public string RouterHost { get; set; } = "127.0.0.1";

    /// <summary>
    /// host:port of the web dashboard (HTTP/1.1; separate from the h2c gRPC port because Kestrel
    /// cannot serve both on one cleartext port). Default <c>127.0.0.1:7071</c>; port 0 picks a free
    /// port; empty turns the dashboard off.
    /// </summary>
    public string DashboardEndpoint { get; set; } = "127.0.0.1:7071";

    /// <summary>The router's admin address whose <c>/metrics</c> the dashboard charts. Default <c>http://127.0.0.1:8081</c>; empty: no metrics.</summary>
    public string RouterAdminAddress { get; set; } = "http://127.0.0.1:8081";

    /// <summary>The data directory with its default applied.</summary>
    internal string ResolvedDataDirectory()
    {
        if (!string.IsNullOrWhiteSpace(DataDirectory))
        {
            return Path.GetFullPath(DataDirectory);
        }

        var home = Environment.GetEnvironmentVariable("MINIPAAS_HOME");
        if (string.IsNullOrWhiteSpace(home))
        {
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".minipaas");
        }

        return Path.Combine(home, "scheduler");
    }
}
