using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.LogAggregator.Diagnostics;
using MiniPaas.LogAggregator.Hosting;

namespace MiniPaas.LogAggregator.Store;

/// <summary>RetentionService applies size and age retention to every app on an interval (and once at startup).</summary>
internal sealed class RetentionService : IHostedService, IAsyncDisposable
{
    private readonly LogStore _store;
    private readonly LogAggregatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RetentionService> _logger;
    private ITimer? _timer;

    public RetentionService(LogStore store, IOptions<LogAggregatorOptions> options, TimeProvider time, ILogger<RetentionService> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _timer = _time.CreateTimer(_ => RunOnce(), null, TimeSpan.Zero, _options.RetentionInterval);
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

    private void RunOnce()
    {
        try
        {
            var deleted = _store.ApplyRetention(_time.GetUtcNow());
            if (deleted > 0)
            {
                AggregatorLog.RetentionDeleted(_logger, deleted);
            }
        }
        catch (Exception error)
        {
            // Logged, not thrown: an exception escaping a timer callback would end the process.
            AggregatorLog.RetentionFailed(_logger, error);
        }
    }
}
