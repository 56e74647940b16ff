using System.Collections.Concurrent;

namespace MiniPaas.LogAggregator.Ingest;

/// <summary>
/// InstanceRateLimiter is a token bucket per app, source type and instance: each refills at the
/// configured lines per second up to the burst. Dropped lines are counted per source until
/// <see cref="TakeDropped"/> collects them for a "dropped N lines" entry.
/// </summary>
internal sealed class InstanceRateLimiter
{
    private readonly ConcurrentDictionary<InstanceKey, Bucket> _buckets = new();
    private readonly TimeProvider _time;
    private readonly double _linesPerSecond;
    private readonly double _burst;

    public InstanceRateLimiter(int linesPerSecond, int burst, TimeProvider time)
    {
        _linesPerSecond = linesPerSecond;
        _burst = Math.Max(1, burst);
        _time = time;
    }

    public bool Enabled => _linesPerSecond > 0;

    public int LinesPerSecond => (int)_linesPerSecond;

    /// <summary>Takes one token for <paramref name="key"/>; false (and the line counted as dropped) when the bucket is empty.</summary>
    public bool TryAcquire(InstanceKey key)
    {
        if (!Enabled)
        {
            return true;
        }

        var bucket = _buckets.GetOrAdd(key, static (_, burst) => new Bucket(burst), _burst);
        var now = _time.GetUtcNow();
        lock (bucket)
        {
            bucket.Refill(now, _linesPerSecond, _burst);
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }

            bucket.Dropped++;
            return false;
        }
    }

    /// <summary>Collects and resets the drop counts; forgets buckets idle for <paramref name="idleAfter"/> with nothing to report.</summary>
    public IReadOnlyList<DroppedLines> TakeDropped(TimeSpan idleAfter)
    {
        var now = _time.GetUtcNow();
        var dropped = new List<DroppedLines>();
        foreach (var (key, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (bucket.Dropped > 0)
                {
                    dropped.Add(new DroppedLines(key, bucket.Dropped));
                    bucket.Dropped = 0;
                }
                else if (now - bucket.LastRefill > idleAfter)
                {
                    _buckets.TryRemove(key, out _);
                }
            }
        }

        return dropped;
    }

    private sealed class Bucket
    {
        public Bucket(double burst)
        {
            Tokens = burst;
        }

        public double Tokens { get; set; }

        public long Dropped { get; set; }

        public DateTimeOffset LastRefill { get; private set; } = DateTimeOffset.MinValue;

        public void Refill(DateTimeOffset now, double perSecond, double burst)
        {
            if (LastRefill == DateTimeOffset.MinValue)
            {
                LastRefill = now;
                return;
            }

            var elapsed = (now - LastRefill).TotalSeconds;
            if (elapsed > 0)
            {
                Tokens = Math.Min(burst, Tokens + (elapsed * perSecond));
                LastRefill = now;
            }
        }
    }
}
