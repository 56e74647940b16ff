using System.Threading.Channels;

namespace MiniPaas.Scheduler.Assignments;

/// <summary>AssignmentSubscription is one watcher of a node's sets; dispose it when the watcher leaves.</summary>
internal sealed class AssignmentSubscription : IDisposable
{
    private readonly Action _unsubscribe;
    private int _disposed;

    public AssignmentSubscription(ChannelReader<NodeAssignmentSet> sets, Action unsubscribe)
    {
        Sets = sets;
        _unsubscribe = unsubscribe;
    }

    public ChannelReader<NodeAssignmentSet> Sets { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _unsubscribe();
        }
    }
}
