namespace MiniPaas.Scheduler.Dashboard.Metrics;

/// <summary>
/// AppRates is what the dashboard charts for one app over one interval: requests per second,
/// p50 and p99 latency in milliseconds (null when no request finished in the interval) and the
/// share of responses that were 5xx (0..1).
/// </summary>
internal sealed record AppRates(double RequestsPerSecond, double? P50Ms, double? P99Ms, double ErrorRatio)
{
    /// <summary>
    /// Rates between two scrapes of the same app. A counter that went down means the router
    /// restarted; the newer value is then the whole increase (as Prometheus' rate() treats resets).
    /// </summary>
    public static AppRates Between(AppCounters? older, AppCounters newer, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var reset = older is null || newer.Requests < older.Requests || newer.Responses < older.Responses;
        var baseline = reset ? new AppCounters(0, 0, 0, []) : older!;
        var requests = newer.Requests - baseline.Requests;
        var responses = newer.Responses - baseline.Responses;
        var errors = newer.Responses5xx - baseline.Responses5xx;
        var deltas = newer.Buckets
            .Select(b => (b.UpperBound, Count: b.Count - baseline.Buckets.FirstOrDefault(o => o.UpperBound.Equals(b.UpperBound)).Count))
            .ToArray();
        return new AppRates(
            requests / seconds,
            Quantile(0.5, deltas) * 1000,
            Quantile(0.99, deltas) * 1000,
            responses > 0 ? errors / responses : 0);
    }

    /// <summary>
    /// The <paramref name="q"/> quantile of cumulative bucket counts, interpolated linearly inside
    /// the bucket it falls in (as histogram_quantile does); the +Inf bucket answers its lower bound.
    /// </summary>
    public static double? Quantile(double q, IReadOnlyList<(double UpperBound, double Count)> cumulative)
    {
        if (cumulative.Count == 0 || cumulative[^1].Count <= 0)
        {
            return null;
        }

        var rank = q * cumulative[^1].Count;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        foreach (var (upperBound, count) in cumulative)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(upperBound))
                {
                    return lowerBound;
                }

                var inBucket = count - lowerCount;
                return inBucket <= 0 ? upperBound : lowerBound + ((upperBound - lowerBound) * (rank - lowerCount) / inBucket);
            }

            lowerBound = upperBound;
            lowerCount = count;
        }

        return lowerBound;
    }
}
