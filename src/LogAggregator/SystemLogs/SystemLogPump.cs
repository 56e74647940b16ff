using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Diagnostics;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Store;

namespace MiniPaas.LogAggregator.SystemLogs;

/// <summary>SystemLogPump moves the aggregator's own queued log events into the <c>system</c> app, in batches.</summary>
internal sealed class SystemLogPump : BackgroundService
{
    private const int MaxBatch = 500;
    private readonly SystemLogSink _sink;
    private readonly LogStore _store;
    private readonly ILogger<SystemLogPump> _logger;

    public SystemLogPump(SystemLogSink sink, LogStore store, ILogger<SystemLogPump> logger)
    {
        _sink = sink;
        _store = store;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LogLine>(MaxBatch);
        try
        {
            while (await _sink.Reader.WaitToReadAsync(stoppingToken))
            {
                Drain(batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Keep what was logged during shutdown.
            Drain(batch);
        }
    }

    private void Drain(List<LogLine> batch)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _sink.Reader.TryRead(out var line))
            {
                batch.Add(line);
            }

            if (batch.Count == 0)
            {
                return;
            }

            try
            {
                _store.Append(LogSourceTypes.SystemApp, batch);
            }
            catch (Exception error)
            {
                // Losing some of its own log lines must not stop the aggregator.
                AggregatorLog.SystemLogsLost(_logger, batch.Count, error);
                return;
            }
        }
    }
}
