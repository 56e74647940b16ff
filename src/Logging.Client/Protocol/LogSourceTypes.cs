namespace MiniPaas.Logging.Client;

/// <summary>
/// LogSourceTypes are the source tags of log lines, as Cloud Foundry names them; they appear in
/// <c>[APP/0]</c>-style tags and in <c>LogEntry.source_type</c>.
/// </summary>
public static class LogSourceTypes
{
    /// <summary>Container stdout/stderr of an app instance; the instance index is the source instance.</summary>
    public const string App = "APP";

    /// <summary>Router access lines; the router id is the source instance.</summary>
    public const string Router = "RTR";

    /// <summary>Controller (scheduler) events: pushes, scaling, reschedules.</summary>
    public const string Api = "API";

    /// <summary>Node agent events: container starts, crashes with exit codes.</summary>
    public const string Cell = "CELL";

    /// <summary>Staging output.</summary>
    public const string Staging = "STG";

    /// <summary>The aggregator itself: its own logs, rate-limit and skip markers.</summary>
    public const string Aggregator = "LGR";

    /// <summary>The app that holds the platform components' own logs.</summary>
    public const string SystemApp = "system";

    /// <summary>Every accepted source type.</summary>
    public static IReadOnlyList<string> All { get; } = [App, Router, Api, Cell, Staging, Aggregator];

    /// <summary>True when <paramref name="sourceType"/> is one of <see cref="All"/> (exact, upper case).</summary>
    public static bool IsKnown(string? sourceType) => sourceType is App or Router or Api or Cell or Staging or Aggregator;
}
