using System.Collections.Concurrent;

namespace MiniPaas.LogAggregator.Ingest;

/// <summary>
/// ShipDeduplicator remembers the highest batch sequence stored per shipper id, so a batch a
/// shipper resends after losing a stream's reply is stored once. Memory only: after an aggregator
/// restart a resent batch may be stored twice (at-least-once across restarts).
/// </summary>
internal sealed class ShipDeduplicator
{
    private const int MaxShippers = 10_000;
    private readonly ConcurrentDictionary<string, ShipperState> _shippers = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ShipDeduplicator(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>
    /// Runs <paramref name="store"/> unless the batch was stored before; returns false for a duplicate.
    /// Batches without an id or sequence are always stored.
    /// </summary>
    public bool StoreOnce(string shipperId, ulong batchSequence, Action store, out ulong lastStored)
    {
        if (string.IsNullOrEmpty(shipperId) || batchSequence == 0)
        {
            store();
            lastStored = batchSequence;
            return true;
        }

        if (_shippers.Count >= MaxShippers)
        {
            Prune(TimeSpan.FromMinutes(10));
        }

        var state = _shippers.GetOrAdd(shipperId, static _ => new ShipperState());
        lock (state)
        {
            state.Seen = _time.GetUtcNow();
            if (batchSequence <= state.LastStored)
            {
                lastStored = state.LastStored;
                return false;
            }

            store();
            state.LastStored = batchSequence;
            lastStored = batchSequence;
            return true;
        }
    }

    /// <summary>Forgets shippers not heard from for <paramref name="idleAfter"/>.</summary>
    public void Prune(TimeSpan idleAfter)
    {
        var cutoff = _time.GetUtcNow() - idleAfter;
        foreach (var (id, state) in _shippers)
        {
            if (state.Seen < cutoff)
            {
                _shippers.TryRemove(id, out _);
            }
        }
    }

    private sealed class ShipperState
    {
        public ulong LastStored { get; set; }

        public DateTimeOffset Seen { get; set; }
    }
}
