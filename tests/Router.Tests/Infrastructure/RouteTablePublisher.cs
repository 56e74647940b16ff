using System.Threading.Channels;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Router.Tests.Infrastructure;

/// <summary>The fake scheduler's table: every watcher gets the current table, then each published one.</summary>
internal sealed class RouteTablePublisher
{
    private readonly Lock _lock = new();
    private readonly List<Channel<RouteTable>> _watchers = [];
    private RouteTable _current;

    public RouteTablePublisher(RouteTable initial)
    {
        _current = initial;
    }

    public int WatcherCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    public List<string> RouterIds { get; } = [];

    public void Publish(RouteTable table)
    {
        lock (_lock)
        {
            _current = table;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(table);
            }
        }
    }

    public (RouteTable Initial, ChannelReader<RouteTable> Updates, Action Unsubscribe) Subscribe(string routerId)
    {
        var channel = Channel.CreateUnbounded<RouteTable>();
        lock (_lock)
        {
            RouterIds.Add(routerId);
            _watchers.Add(channel);
            return (_current, channel.Reader, () =>
            {
                lock (_lock)
                {
                    _watchers.Remove(channel);
                }
            });
        }
    }
}
