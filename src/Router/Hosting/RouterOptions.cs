namespace MiniPaas.Router.Hosting;

/// <summary>
/// Settings of the router, bound from the <c>MiniPaas:Router</c> configuration section
/// (e.g. <c>--MiniPaas:Router:SchedulerAddress=http://127.0.0.1:7070</c> or the environment
/// variable <c>MiniPaas__Router__SchedulerAddress</c>). Validated at startup; every error names its setting.
/// </summary>
public sealed class RouterOptions
{
    /// <summary>Name of the configuration section the router binds.</summary>
    public const string SectionName = "MiniPaas:Router";

    /// <summary>Default of <see cref="ListenUrl"/>.</summary>
    public const string DefaultListenUrl = "http://127.0.0.1:8080";

    /// <summary>Default of <see cref="AdminUrl"/>.</summary>
    public const string DefaultAdminUrl = "http://127.0.0.1:8081";

    /// <summary>Default of <see cref="SchedulerAddress"/>.</summary>
    public const string DefaultSchedulerAddress = "http://127.0.0.1:7070";

    /// <summary>Default of <see cref="AffinityCookieName"/>.</summary>
    public const string DefaultAffinityCookieName = "minipaas-affinity";

    /// <summary>
    /// Where apps are served: <c>http://IP:PORT</c> (or <c>http://localhost:PORT</c>); port 0 picks a free one.
    /// Every app is reachable as <c>http://&lt;app&gt;.localhost:PORT</c>. Default <c>http://127.0.0.1:8080</c>.
    /// </summary>
    public string ListenUrl { get; set; } = DefaultListenUrl;

    /// <summary>
    /// Where <c>/metrics</c>, <c>/healthz</c> and <c>/routes</c> are served; a separate port so no app host
    /// can shadow them. Same syntax as <see cref="ListenUrl"/>. Default <c>http://127.0.0.1:8081</c>.
    /// </summary>
    public string AdminUrl { get; set; } = DefaultAdminUrl;

    /// <summary>The scheduler's gRPC (h2c) address the route tables come from. Default <c>http://127.0.0.1:7070</c>.</summary>
    public string SchedulerAddress { get; set; } = DefaultSchedulerAddress;

    /// <summary>Bearer token sent to the scheduler. Default <c>null</c>: no authorization header.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// How this router introduces itself to the scheduler (shown in its logs).
    /// Default <c>null</c>: <c>router-&lt;machine name&gt;-&lt;process id&gt;</c>.
    /// </summary>
    public string? RouterId { get; set; }

    /// <summary>
    /// File the last route table is saved to after every change and loaded from at startup, so a router
    /// restarted while the scheduler is down still serves. Default <c>null</c>: nothing is persisted.
    /// </summary>
    public string? StateFile { get; set; }

    /// <summary>First wait before reconnecting to the scheduler after the stream broke. Default 250 ms.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Cap of the doubling reconnect wait. Default 5 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long opening a connection to an instance may take before it counts as unreachable. Default 5 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long an instance that refused a connection is skipped before it gets traffic again
    /// (passive health). Default 10 s.
    /// </summary>
    public TimeSpan UnreachableReactivationPeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many instances one request may be tried on when connections fail before any response byte
    /// (1 turns retries off). Default 3.
    /// </summary>
    public int MaxForwardAttempts { get; set; } = 3;

    /// <summary>
    /// Request bodies up to this size (by Content-Length) are buffered so a failed attempt can be replayed on
    /// another instance; larger or chunked bodies are streamed and only retried if no byte was read yet.
    /// Default 64 KiB.
    /// </summary>
    public int MaxReplayBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long an instance may stay silent (no response headers or body bytes) before the request fails with 504. Default 100 s.</summary>
    public TimeSpan UpstreamActivityTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Cookie that pins a client to one instance of apps with sticky sessions. Default <c>minipaas-affinity</c>.</summary>
    public string AffinityCookieName { get; set; } = DefaultAffinityCookieName;

    /// <summary>The effective <see cref="RouterId"/>.</summary>
    internal string EffectiveRouterId =>
        string.IsNullOrWhiteSpace(RouterId) ? $"router-{Environment.MachineName}-{Environment.ProcessId}" : RouterId;
}
