using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Store;

namespace MiniPaas.LogAggregator.Ingest;

/// <summary>
/// IngestPipeline is where every validated line enters: the rate limit (per app, source type and
/// instance; the aggregator's own LGR lines are exempt), then one append per run of lines of the
/// same app, which assigns sequence numbers, writes, flushes and wakes followers.
/// </summary>
internal sealed class IngestPipeline
{
    private readonly LogStore _store;
    private readonly InstanceRateLimiter _limiter;

    public IngestPipeline(LogStore store, InstanceRateLimiter limiter)
    {
        _store = store;
        _limiter = limiter;
    }

    public IngestCounts Ingest(IReadOnlyList<PendingLine> lines)
    {
        long accepted = 0;
        long rateLimited = 0;
        var run = new List<LogLine>(lines.Count);
        string? runApp = null;
        foreach (var (app, line) in lines)
        {
            if (line.SourceType != LogSourceTypes.Aggregator
                && !_limiter.TryAcquire(new InstanceKey(app, line.SourceType, line.SourceInstance)))
            {
                rateLimited++;
                continue;
            }

            if (runApp is not null && runApp != app)
            {
                _store.Append(runApp, run);
                accepted += run.Count;
                run = new List<LogLine>();
            }

            runApp = app;
            run.Add(line);
        }

        if (runApp is not null && run.Count > 0)
        {
            _store.Append(runApp, run);
            accepted += run.Count;
        }

        return new IngestCounts(accepted, rateLimited);
    }
}
