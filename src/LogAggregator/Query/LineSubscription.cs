using System.Threading.Channels;
using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Query;

/// <summary>
/// LineSubscription is one follower's (or drain's) bounded queue of new lines of an app. The store
/// offers every line as it is stored; the offer never waits: when the queue is full the line is
/// counted as skipped and the count rides on the next line that fits, so a slow reader costs the
/// writer one failed TryWrite and slows nobody else.
/// </summary>
internal sealed class LineSubscription
{
    private readonly Channel<SubscribedLine> _queue;
    private readonly LineFilter _filter;
    private long _pendingSkipped;
    private long _totalSkipped;

    public LineSubscription(int capacity, LineFilter filter)
    {
        _filter = filter;
        _queue = Channel.CreateBounded<SubscribedLine>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,

            // Offers come from appends of one app, which hold that app's lock.
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public ChannelReader<SubscribedLine> Reader => _queue.Reader;

    /// <summary>Matching lines dropped because the queue was full, since the subscription started.</summary>
    public long TotalSkipped => Interlocked.Read(ref _totalSkipped);

    /// <summary>Lines waiting to be read.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Called by the store under the app's lock, in sequence order.</summary>
    public void Offer(LogLine line)
    {
        if (!_filter.Matches(line))
        {
            return;
        }

        if (_queue.Writer.TryWrite(new SubscribedLine(line, _pendingSkipped)))
        {
            _pendingSkipped = 0;
        }
        else
        {
            _pendingSkipped++;
            Interlocked.Increment(ref _totalSkipped);
        }
    }

    /// <summary>Ends the subscription: the reader sees the end after what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();
}
