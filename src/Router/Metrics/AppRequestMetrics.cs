namespace MiniPaas.Router.Metrics;

/// <summary>Counters of one app: requests, responses by status class (1xx-5xx), retries and a latency histogram.</summary>
internal sealed class AppRequestMetrics
{
    private readonly long[] _byStatusClass = new long[5];
    private long _requests;
    private long _retries;

    public LatencyHistogram Latency { get; } = new();

    public long Requests => Volatile.Read(ref _requests);

    public long Retries => Volatile.Read(ref _retries);

    /// <summary>Responses whose status was <paramref name="statusClass"/>xx (1-5).</summary>
    public long ResponsesOfClass(int statusClass) => Volatile.Read(ref _byStatusClass[statusClass - 1]);

    public void Record(int statusCode, double seconds)
    {
        Interlocked.Increment(ref _requests);
        var statusClass = Math.Clamp(statusCode / 100, 1, 5);
        Interlocked.Increment(ref _byStatusClass[statusClass - 1]);
        Latency.Observe(seconds);
    }

    public void RecordRetry() => Interlocked.Increment(ref _retries);
}
