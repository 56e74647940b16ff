namespace MiniPaas.Scheduler.Dashboard.Metrics;

/// <summary>AppMetricsPoint is one chart point: the rates of one app over the scrape interval ending at <see cref="Time"/>.</summary>
internal sealed record AppMetricsPoint(DateTimeOffset Time, AppRates Rates);
