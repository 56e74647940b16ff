namespace MiniPaas.Scheduler.Dashboard.Metrics;

/// <summary>PrometheusSample is one line of the Prometheus text format: a metric name, its labels and value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
