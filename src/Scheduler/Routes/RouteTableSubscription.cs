using System.Threading.Channels;

namespace MiniPaas.Scheduler.Routes;

/// <summary>RouteTableSubscription is one router's queue of tables; dispose it when the router leaves.</summary>
internal sealed class RouteTableSubscription : IDisposable
{
    private readonly Action _unsubscribe;
    private int _disposed;

    public RouteTableSubscription(ChannelReader<RouteTableSnapshot> tables, Action unsubscribe)
    {
        Tables = tables;
        _unsubscribe = unsubscribe;
    }

    /// <summary>The newest table not yet read: the current one at subscribe, then every newer one.</summary>
    public ChannelReader<RouteTableSnapshot> Tables { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe();
        }
    }
}
