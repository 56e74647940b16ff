using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Diagnostics;
using MiniPaas.LogAggregator.Hosting;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Store;

namespace MiniPaas.LogAggregator.Ingest;

/// <summary>
/// DropReporter turns rate-limit drops into log lines the app's owner sees in their own logs
/// ("[LGR] ERR Rate limit of 1000 lines/s exceeded by APP/0: 5230 lines dropped"), once per
/// report interval per source, and forgets idle shippers and buckets.
/// </summary>
internal sealed class DropReporter : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(10);

    private readonly InstanceRateLimiter _limiter;
    private readonly ShipDeduplicator _deduplicator;
    private readonly LogStore _store;
    private readonly LogAggregatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DropReporter> _logger;
    private ITimer? _timer;

    public DropReporter(InstanceRateLimiter limiter, ShipDeduplicator deduplicator, LogStore store, IOptions<LogAggregatorOptions> options, TimeProvider time, ILogger<DropReporter> logger)
    {
        _limiter = limiter;
        _deduplicator = deduplicator;
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = _time.CreateTimer(_ => ReportFromTimer(), null, _options.DropReportInterval, _options.DropReportInterval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (_timer is not null)
        {
            await _timer.DisposeAsync();
            _timer = null;
        }
    }

    private void ReportFromTimer()
    {
        // An exception escaping a timer callback would end the process.
        try
        {
            ReportNow();
        }
        catch (Exception error)
        {
            AggregatorLog.MaintenanceFailed(_logger, "rate-limit report", error);
        }
    }

    /// <summary>Writes the pending drop reports now; returns how many lines were written.</summary>
    internal int ReportNow()
    {
        var written = 0;
        foreach (var (source, count) in _limiter.TakeDropped(IdleAfter))
        {
            AggregatorLog.RateLimited(_logger, source.App, source.Tag, count);
            var message = string.Create(
                CultureInfo.InvariantCulture,
                $"Rate limit of {_limiter.LinesPerSecond} lines/s exceeded by {source.Tag}: {count} lines dropped");
            try
            {
                _store.Append(source.App, [new LogLine(_time.GetUtcNow(), LogSourceTypes.Aggregator, "", LineStream.Err, message)]);
                written++;
            }
            catch (IOException error)
            {
                AggregatorLog.AppendFailed(_logger, source.App, error);
            }
        }

        _deduplicator.Prune(IdleAfter);
        return written;
    }
}
