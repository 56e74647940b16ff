namespace MiniPaas.Router.Metrics;

/// <summary>A histogram's state at one moment.</summary>
/// <param name="Bounds">Bucket upper bounds without +Inf.</param>
/// <param name="CumulativeCounts">Observations ≤ each bound; one more entry than <paramref name="Bounds"/>, the last being +Inf.</param>
/// <param name="Sum">Sum of all observations.</param>
/// <param name="Count">Number of observations (equals the +Inf count).</param>
internal sealed record HistogramSnapshot(IReadOnlyList<double> Bounds, IReadOnlyList<long> CumulativeCounts, double Sum, long Count);
