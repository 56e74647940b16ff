namespace MiniPaas.Broker.Instances;

/// <summary>
/// One async lock per instance id, so the state transitions of an instance (and the bindings of it) happen one
/// at a time while different instances proceed in parallel. Entries are dropped when nobody holds or waits.
/// </summary>
internal sealed class InstanceLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string instanceId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(instanceId, out entry!))
            {
                entry = new Entry();
                _entries[instanceId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(instanceId, entry, held: false);
            throw;
        }

        return new Holder(this, instanceId, entry);
    }

    private void Release(string instanceId, Entry entry, bool held)
    {
        if (held)
        {
            entry.Semaphore.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(instanceId);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(InstanceLocks owner, string instanceId, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(instanceId, entry, held: true);
            }
        }
    }
}
