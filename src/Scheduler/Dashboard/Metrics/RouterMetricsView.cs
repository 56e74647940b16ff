namespace MiniPaas.Scheduler.Dashboard.Metrics;

/// <summary>
/// RouterMetricsView is what the dashboard knows of the router's metrics: per app, the newest
/// points (oldest first), and whether the last scrape worked (<see cref="Error"/> says why not).
/// </summary>
internal sealed record RouterMetricsView(
    string Source,
    DateTimeOffset? LastScrape,
    string Error,
    IReadOnlyDictionary<string, IReadOnlyList<AppMetricsPoint>> Apps)
{
    public static RouterMetricsView Disabled { get; } = new("", null, "no RouterAdminAddress is configured", new Dictionary<string, IReadOnlyList<AppMetricsPoint>>());
}
