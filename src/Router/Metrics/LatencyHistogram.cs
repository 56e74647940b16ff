namespace MiniPaas.Router.Metrics;

/// <summary>
/// A Prometheus-style histogram of request latencies in seconds: lock-free counts per bucket (upper bounds
/// inclusive, like Prometheus' <c>le</c>), a sum and a count. Snapshots are cumulative, as the text format wants.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>Default bucket upper bounds, in seconds: from 1 ms (loopback) to 10 s (slow apps).</summary>
    public static readonly IReadOnlyList<double> DefaultBounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _bounds;

    // One slot per bound plus one for +Inf; not cumulative, so an observation touches a single slot.
    private readonly long[] _counts;
    private long _sumBits;

    public LatencyHistogram(IReadOnlyList<double>? bounds = null)
    {
        var values = (bounds ?? DefaultBounds).ToArray();
        if (values.Length == 0 || values.Any(b => !double.IsFinite(b) || b <= 0) || values.Zip(values.Skip(1)).Any(p => p.First >= p.Second))
        {
            throw new ArgumentException("Histogram bounds must be positive, finite and strictly increasing.", nameof(bounds));
        }

        _bounds = values;
        _counts = new long[values.Length + 1];
    }

    /// <summary>The bucket upper bounds (without +Inf).</summary>
    public IReadOnlyList<double> Bounds => _bounds;

    /// <summary>Records one observation of <paramref name="seconds"/>.</summary>
    public void Observe(double seconds)
    {
        if (double.IsNaN(seconds) || seconds < 0)
        {
            seconds = 0;
        }

        var slot = Array.BinarySearch(_bounds, seconds);
        if (slot < 0)
        {
            // Not an exact bound: the first bound greater than the value.
            slot = ~slot;
        }

        Interlocked.Increment(ref _counts[slot]);
        AddToSum(seconds);
    }

    /// <summary>A consistent-enough copy: cumulative counts per bound (last entry is +Inf), sum and count.</summary>
    public HistogramSnapshot Snapshot()
    {
        var cumulative = new long[_counts.Length];
        long running = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            running += Volatile.Read(ref _counts[i]);
            cumulative[i] = running;
        }

        return new HistogramSnapshot(_bounds, cumulative, BitConverter.Int64BitsToDouble(Volatile.Read(ref _sumBits)), running);
    }

    private void AddToSum(double value)
    {
        var current = Volatile.Read(ref _sumBits);
        while (true)
        {
            var updated = BitConverter.DoubleToInt64Bits(BitConverter.Int64BitsToDouble(current) + value);
            var seen = Interlocked.CompareExchange(ref _sumBits, updated, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
