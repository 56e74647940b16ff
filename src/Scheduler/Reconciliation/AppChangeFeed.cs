using System.Threading.Channels;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>
/// AppChangeFeed tells watchers (WatchApp, Deploy) that an app's desired or actual state changed.
/// It carries no data: a watcher re-reads the app, so a burst of changes costs one read.
/// </summary>
internal sealed class AppChangeFeed
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Channel<bool>>> _watchers = new(StringComparer.Ordinal);

    public void Notify(IEnumerable<string> apps)
    {
        lock (_gate)
        {
            foreach (var app in apps)
            {
                if (_watchers.TryGetValue(app, out var channels))
                {
                    foreach (var channel in channels)
                    {
                        channel.Writer.TryWrite(true);
                    }
                }
            }
        }
    }

    /// <summary>Returns a reader that yields once per burst of changes to <paramref name="app"/>; dispose to stop.</summary>
    public AppChangeSubscription Subscribe(string app)
    {
        var channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        lock (_gate)
        {
            (_watchers.TryGetValue(app, out var list) ? list : _watchers[app] = []).Add(channel);
        }

        return new AppChangeSubscription(channel.Reader, () =>
        {
            lock (_gate)
            {
                if (_watchers.TryGetValue(app, out var list) && list.Remove(channel) && list.Count == 0)
                {
                    _watchers.Remove(app);
                }
            }

            channel.Writer.TryComplete();
        });
    }
}
