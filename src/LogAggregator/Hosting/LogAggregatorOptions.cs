namespace MiniPaas.LogAggregator.Hosting;

/// <summary>
/// LogAggregatorOptions configures the aggregator. Bound from the "MiniPaas:LogAggregator" section
/// (environment: <c>MiniPaas__LogAggregator__Token</c>, ...); each default is documented on its
/// property and checked by <see cref="LogAggregatorOptionsValidator"/>.
/// </summary>
public sealed class LogAggregatorOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "MiniPaas:LogAggregator";

    /// <summary>Where segments and drains live. Default <c>$MINIPAAS_HOME/log-aggregator</c>, else <c>~/.minipaas/log-aggregator</c> (<c>logs/</c> there holds process output).</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>host:port of the gRPC (h2c) endpoint. Default <c>127.0.0.1:7080</c>; port 0 picks a free port.</summary>
    public string GrpcEndpoint { get; set; } = "127.0.0.1:7080";

    /// <summary>host:port of the HTTP/1.1 endpoint (CLEF ingestion, health). Default <c>127.0.0.1:7081</c>.</summary>
    public string HttpEndpoint { get; set; } = "127.0.0.1:7081";

    /// <summary>The token every caller must send (gRPC: bearer; HTTP: bearer, X-Seq-ApiKey or ?apiKey=). Default: read from <see cref="TokenFile"/>.</summary>
    public string Token { get; set; } = "";

    /// <summary>File holding the token (trimmed). Default empty: <see cref="Token"/> must be set.</summary>
    public string TokenFile { get; set; } = "";

    /// <summary>Longest message stored, in UTF-8 bytes; longer ones are cut with a "[truncated N bytes]" marker. Default 64 KiB.</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024;

    /// <summary>Lines per second allowed per app, source type and instance; excess is dropped and reported as an LGR line. 0 turns the limit off. Default 1000.</summary>
    public int RateLimitLinesPerSecond { get; set; } = 1000;

    /// <summary>Lines an instance may send at once above its rate. Default 0: the same as <see cref="RateLimitLinesPerSecond"/> (one second's worth).</summary>
    public int RateLimitBurst { get; set; }

    /// <summary>How often dropped-line counts become "dropped N lines" entries. Default 1 s.</summary>
    public TimeSpan DropReportInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Disk kept per app; the oldest segments beyond it are deleted. Default 256 MiB.</summary>
    public long RetentionBytesPerApp { get; set; } = 256L * 1024 * 1024;

    /// <summary>Segments whose newest line is older than this are deleted. Default 7 days.</summary>
    public TimeSpan RetentionAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often retention runs (it also runs when a segment fills). Default 1 minute.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Size at which a segment is sealed and a new one started. Default 8 MiB.</summary>
    public long SegmentBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>
    /// When true, every append is fsynced before it is acknowledged (survives power loss, much
    /// slower). Default false: acknowledged once written to the OS, which survives a crash of the
    /// aggregator process but not of the machine.
    /// </summary>
    public bool FsyncOnAppend { get; set; }

    /// <summary>Lines queued per follower before it is skipped ahead with a marker. Default 10,000.</summary>
    public int FollowerQueueLines { get; set; } = 10_000;

    /// <summary>Lines queued per drain while its receiver is slow or unreachable; beyond that lines are dropped and counted. Default 10,000.</summary>
    public int DrainQueueLines { get; set; } = 10_000;

    /// <summary>First wait before a drain reconnects; doubles up to <see cref="DrainReconnectMaxDelay"/>. Default 200 ms.</summary>
    public TimeSpan DrainReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest wait between drain reconnects. Default 10 s.</summary>
    public TimeSpan DrainReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest CLEF request body. Default 10 MiB.</summary>
    public long MaxClefRequestBytes { get; set; } = 10L * 1024 * 1024;

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

        return Path.Combine(home, "log-aggregator");
    }

    /// <summary>The burst with its default applied.</summary>
    internal int ResolvedBurst() => RateLimitBurst > 0 ? RateLimitBurst : RateLimitLinesPerSecond;
}
