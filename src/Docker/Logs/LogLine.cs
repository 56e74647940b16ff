namespace MiniPaas.Docker;

/// <summary>One line a container wrote, without its trailing newline.</summary>
/// <param name="Stream">Where it was written.</param>
/// <param name="Text">The text, decoded as UTF-8 (invalid bytes become U+FFFD).</param>
/// <param name="Timestamp">When the engine received it; only when <see cref="LogsOptions.Timestamps"/> was asked for.</param>
public sealed record LogLine(LogStream Stream, string Text, DateTimeOffset? Timestamp = null);
