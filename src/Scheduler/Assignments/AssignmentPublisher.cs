using System.Threading.Channels;

namespace MiniPaas.Scheduler.Assignments;

/// <summary>
/// AssignmentPublisher fans each node's newest assignment set out to that node's watchers. A
/// watcher's queue holds one set and drops the older one: an agent only ever needs the newest
/// complete set, so a slow agent cannot make the scheduler buffer.
/// </summary>
internal sealed class AssignmentPublisher
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, NodeAssignmentSet> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Channel<NodeAssignmentSet>>> _watchers = new(StringComparer.Ordinal);

    /// <summary>Records the sets; watchers get each set whose generation is newer than the last one published.</summary>
    public void Publish(IEnumerable<NodeAssignmentSet> sets)
    {
        lock (_gate)
        {
            foreach (var set in sets)
            {
                if (_latest.TryGetValue(set.NodeId, out var previous) && previous.Generation >= set.Generation)
                {
                    continue;
                }

                _latest[set.NodeId] = set;
                if (_watchers.TryGetValue(set.NodeId, out var channels))
                {
                    foreach (var channel in channels)
                    {
                        channel.Writer.TryWrite(set);
                    }
                }
            }
        }
    }

    /// <summary>The newest set published for the node, if any.</summary>
    public NodeAssignmentSet? Latest(string nodeId)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault(nodeId);
        }
    }

    /// <summary>Starts watching a node: the current set (if any) is readable at once, then every newer one.</summary>
    public AssignmentSubscription Subscribe(string nodeId)
    {
        var channel = Channel.CreateBounded<NodeAssignmentSet>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            if (_latest.TryGetValue(nodeId, out var current))
            {
                channel.Writer.TryWrite(current);
            }

            (_watchers.TryGetValue(nodeId, out var list) ? list : _watchers[nodeId] = []).Add(channel);
        }

        return new AssignmentSubscription(channel.Reader, () => Unsubscribe(nodeId, channel));
    }

    /// <summary>How many watchers a node has (for diagnostics and tests).</summary>
    public int WatcherCount(string nodeId)
    {
        lock (_gate)
        {
            return _watchers.TryGetValue(nodeId, out var list) ? list.Count : 0;
        }
    }

    private void Unsubscribe(string nodeId, Channel<NodeAssignmentSet> channel)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(nodeId, out var list) && list.Remove(channel) && list.Count == 0)
            {
                _watchers.Remove(nodeId);
            }
        }

        channel.Writer.TryComplete();
    }
}
