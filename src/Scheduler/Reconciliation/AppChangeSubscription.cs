using System.Threading.Channels;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>AppChangeSubscription is one watcher of an app's changes; dispose it when done.</summary>
internal sealed class AppChangeSubscription : IDisposable
{
    private readonly Action _unsubscribe;
    private int _disposed;

    public AppChangeSubscription(ChannelReader<bool> changes, Action unsubscribe)
    {
        Changes = changes;
        _unsubscribe = unsubscribe;
    }

    public ChannelReader<bool> Changes { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe();
        }
    }
}
