using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Diagnostics;
using MiniPaas.LogAggregator.Drains;
using MiniPaas.LogAggregator.Hosting;
using MiniPaas.LogAggregator.Ingest;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Query;
using MiniPaas.LogAggregator.Store;
using MiniPaas.Rpc;

namespace MiniPaas.LogAggregator.Api;

/// <summary>LogServiceHandler implements <c>minipaas.v1.LogService</c> over the store, ingestion and drains.</summary>
internal sealed class LogServiceHandler
{
    private readonly LogStore _store;
    private readonly IngestPipeline _pipeline;
    private readonly EntryConverter _converter;
    private readonly ShipDeduplicator _deduplicator;
    private readonly DrainManager _drains;
    private readonly LogAggregatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LogServiceHandler> _logger;

    public LogServiceHandler(
        LogStore store,
        IngestPipeline pipeline,
        EntryConverter converter,
        ShipDeduplicator deduplicator,
        DrainManager drains,
        IOptions<LogAggregatorOptions> options,
        TimeProvider time,
        ILogger<LogServiceHandler> logger)
    {
        _store = store;
        _pipeline = pipeline;
        _converter = converter;
        _deduplicator = deduplicator;
        _drains = drains;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<ShipReply> Ship(IAsyncStreamReader<LogBatch> requests, ServerCallContext context)
    {
        var reply = new ShipReply();
        var pending = new List<PendingLine>();
        await foreach (var batch in requests.WithCancellation(context.CancellationToken))
        {
            pending.Clear();
            for (var i = 0; i < batch.Entries.Count; i++)
            {
                var problem = _converter.TryConvert(batch.Entries[i], out var line, out var truncated);
                if (problem is not null)
                {
                    reply.Rejected++;
                    if (reply.FirstRejection.Length == 0)
                    {
                        reply.FirstRejection = $"batch {batch.BatchSequence} entry {i}: {problem}";
                    }

                    continue;
                }

                if (truncated)
                {
                    reply.Truncated++;
                }

                pending.Add(line);
            }

            IngestCounts counts = default;
            var stored = _deduplicator.StoreOnce(batch.ShipperId, batch.BatchSequence, () => counts = Ingest(pending), out var lastStored);
            if (!stored)
            {
                reply.DuplicateBatches++;
            }

            reply.Accepted += counts.Accepted;
            reply.RateLimited += counts.RateLimited;
            reply.LastBatchSequence = Math.Max(reply.LastBatchSequence, lastStored);
        }

        if (reply.Rejected > 0)
        {
            AggregatorLog.ShipRejected(_logger, context.Peer, reply.Rejected, reply.FirstRejection);
        }

        AggregatorLog.ShipEnded(_logger, context.Peer, reply.Accepted, reply.RateLimited, reply.Rejected, reply.DuplicateBatches);
        return reply;
    }

    public Task<LogPage> Recent(LogQuery request, ServerCallContext context)
    {
        var log = RequireApp(request.App);
        var filter = ProtoMapping.ToFilter(request);
        var limit = ProtoMapping.ToLimit(request);
        var last = log.LastSequence;
        var page = new LogPage { LastSequence = last };
        foreach (var line in RecentReader.Read(log, filter, limit, last))
        {
            page.Records.Add(ProtoMapping.ToRecord(log.Name, line));
        }

        return Task.FromResult(page);
    }

    public async Task Follow(LogQuery request, IServerStreamWriter<LogRecord> responses, ServerCallContext context)
    {
        var filter = ProtoMapping.ToFilter(request);
        var limit = ProtoMapping.ToLimit(request);
        AppLog log;
        if (request.WaitForApp && AppNames.Validate(request.App) is null && !_store.TryGet(request.App, out _))
        {
            log = _store.GetOrCreate(request.App);
        }
        else
        {
            log = RequireApp(request.App);
        }

        var subscription = log.Subscribe(_options.FollowerQueueLines, filter, out var last);
        AggregatorLog.FollowStarted(_logger, context.Peer, log.Name);
        try
        {
            // Subscribing first, then reading up to its starting point, leaves neither a gap nor a repeat.
            foreach (var line in RecentReader.Read(log, filter, limit, last))
            {
                await responses.WriteAsync(ProtoMapping.ToRecord(log.Name, line), context.CancellationToken);
            }

            await foreach (var item in subscription.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (item.SkippedBefore > 0)
                {
                    await responses.WriteAsync(SkippedMarker(log.Name, item.SkippedBefore), context.CancellationToken);
                }

                await responses.WriteAsync(ProtoMapping.ToRecord(log.Name, item.Line), context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The follower went away: the normal end of a follow.
        }
        finally
        {
            log.Unsubscribe(subscription);
            AggregatorLog.FollowEnded(_logger, context.Peer, log.Name, subscription.TotalSkipped);
        }
    }

    public Task<DrainInfo> AddDrain(AddDrainRequest request, ServerCallContext context)
    {
        RequireApp(request.App);
        if (!DrainUrl.TryParse(request.Url, out var url, out var problem))
        {
            throw new RpcException(StatusCode.InvalidArgument, problem!);
        }

        return Task.FromResult(_drains.Add(request.App, url!).Describe());
    }

    public Task<RemoveDrainReply> RemoveDrain(RemoveDrainRequest request, ServerCallContext context)
    {
        if (string.IsNullOrEmpty(request.Drain))
        {
            throw new RpcException(StatusCode.InvalidArgument, "drain (its id or URL) is required");
        }

        var removed = _drains.Remove(request.App, request.Drain)
            ?? throw new RpcException(StatusCode.NotFound, string.IsNullOrEmpty(request.App)
                ? $"no drain with id or URL '{request.Drain}'"
                : $"app '{request.App}' has no drain with id or URL '{request.Drain}'");
        return Task.FromResult(new RemoveDrainReply { Removed = removed });
    }

    public Task<ListDrainsReply> ListDrains(ListDrainsRequest request, ServerCallContext context)
    {
        var reply = new ListDrainsReply();
        reply.Drains.AddRange(_drains.List(string.IsNullOrEmpty(request.App) ? null : request.App));
        return Task.FromResult(reply);
    }

    private IngestCounts Ingest(List<PendingLine> pending)
    {
        try
        {
            return _pipeline.Ingest(pending);
        }
        catch (IOException error)
        {
            AggregatorLog.AppendFailed(_logger, pending.Count > 0 ? pending[0].App : "?", error);
            throw new RpcException(StatusCode.Unavailable, $"the log store could not write: {error.Message}");
        }
    }

    private AppLog RequireApp(string app)
    {
        if (AppNames.Validate(app) is { } problem)
        {
            throw new RpcException(StatusCode.InvalidArgument, problem);
        }

        if (!_store.TryGet(app, out var log))
        {
            throw new RpcException(StatusCode.NotFound, $"app '{app}' has no logs: no line was ever stored for it");
        }

        return log;
    }

    private LogRecord SkippedMarker(string app, long skipped) => new()
    {
        Sequence = 0,
        Entry = new LogEntry
        {
            App = app,
            SourceType = LogSourceTypes.Aggregator,
            SourceInstance = "",
            Stream = LogOutputStream.Err,
            Timestamp = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
            Message = $"{skipped} lines skipped: this follower read more slowly than the app wrote",
        },
    };
}
