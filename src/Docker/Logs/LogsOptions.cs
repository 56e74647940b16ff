namespace MiniPaas.Docker;

/// <summary>What <see cref="DockerClient.ReadLogsAsync"/> asks <c>GET /containers/{id}/logs</c> for.</summary>
public sealed class LogsOptions
{
    /// <summary>Keep the stream open and deliver new lines until the container stops. Default: false.</summary>
    public bool Follow { get; set; }

    /// <summary>Include standard output. Default: true.</summary>
    public bool Stdout { get; set; } = true;

    /// <summary>Include standard error. Default: true.</summary>
    public bool Stderr { get; set; } = true;

    /// <summary>Ask the engine for each line's receive time (fills <see cref="LogLine.Timestamp"/>). Default: false.</summary>
    public bool Timestamps { get; set; }

    /// <summary>Only lines received at or after this time. Default: null (from the start).</summary>
    public DateTimeOffset? Since { get; set; }

    /// <summary>Only the last N lines that exist already. Default: null (all).</summary>
    public int? Tail { get; set; }
}
