using System.Threading.Channels;

namespace MiniPaas.Scheduler.Routes;

/// <summary>
/// RouteTablePublisher fans the newest route table out to every watching router. Each router's
/// queue holds one table and drops the older one: a table is complete, so a slow router only ever
/// needs the newest and cannot make the scheduler buffer. Versions that are not newer than the
/// last published one are ignored, so callers may publish after every transaction.
/// </summary>
internal sealed class RouteTablePublisher
{
    private readonly Lock _gate = new();
    private readonly List<Channel<RouteTableSnapshot>> _watchers = [];
    private RouteTableSnapshot? _latest;

    /// <summary>The newest table published, or null before the first reconciliation pass.</summary>
    public RouteTableSnapshot? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>How many routers are watching (for diagnostics and tests).</summary>
    public int WatcherCount
    {
        get
        {
            lock (_gate)
            {
                return _watchers.Count;
            }
        }
    }

    /// <summary>Publishes <paramref name="snapshot"/> if it is newer than the last; returns whether it was.</summary>
    public bool Publish(RouteTableSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_latest is not null && _latest.Version >= snapshot.Version)
            {
                return false;
            }

            _latest = snapshot;
            foreach (var channel in _watchers)
            {
                channel.Writer.TryWrite(snapshot);
            }

            return true;
        }
    }

    /// <summary>Starts watching: the current table (if any) is readable at once, then every newer one.</summary>
    public RouteTableSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<RouteTableSnapshot>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            if (_latest is not null)
            {
                channel.Writer.TryWrite(_latest);
            }

            _watchers.Add(channel);
        }

        return new RouteTableSubscription(channel.Reader, () =>
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }

            channel.Writer.TryComplete();
        });
    }
}
