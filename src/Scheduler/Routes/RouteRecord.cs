namespace MiniPaas.Scheduler.Routes;

/// <summary>
/// RouteRecord is an explicitly mapped host (and optional path prefix) of an app. The default
/// route <c>&lt;app&gt;.&lt;AppsDomain&gt;</c> is never stored: it is derived from the app's name.
/// </summary>
internal sealed record RouteRecord
{
    public required string App { get; init; }

    /// <summary>Lower-case DNS name, without scheme or port.</summary>
    public required string Host { get; init; }

    /// <summary>Normalized path prefix ("/api"), or empty for all paths.</summary>
    public string PathPrefix { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }
}
