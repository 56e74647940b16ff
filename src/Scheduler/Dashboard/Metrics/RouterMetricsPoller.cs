using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Hosting;

namespace MiniPaas.Scheduler.Dashboard.Metrics;

/// <summary>
/// RouterMetricsPoller scrapes the router's <c>/metrics</c> once a second, turns the cumulative
/// counters into per-app rates between consecutive scrapes and keeps the newest
/// <see cref="HistoryLength"/> points per app for the dashboard's charts.
/// </summary>
internal sealed class RouterMetricsPoller : BackgroundService
{
    /// <summary>Points kept per app (one a second: the last minute).</summary>
    public const int HistoryLength = 60;

    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly DashboardChangeSignal _changes;
    private readonly ILogger<RouterMetricsPoller> _logger;
    private readonly Dictionary<string, Queue<AppMetricsPoint>> _history = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, AppCounters>? _previous;
    private DateTimeOffset _previousTime;
    private string _lastError = "";
    private volatile RouterMetricsView _view;

    public RouterMetricsPoller(IOptions<SchedulerOptions> options, TimeProvider time, DashboardChangeSignal changes, ILogger<RouterMetricsPoller> logger)
    {
        _options = options.Value;
        _time = time;
        _changes = changes;
        _logger = logger;
        _view = _options.RouterAdminAddress.Length == 0
            ? RouterMetricsView.Disabled
            : new RouterMetricsView(MetricsUri().ToString(), null, "no scrape yet", new Dictionary<string, IReadOnlyList<AppMetricsPoint>>());
    }

    public RouterMetricsView Current => _view;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.RouterAdminAddress.Length == 0)
        {
            return;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromMilliseconds(900) };
        using var timer = new PeriodicTimer(ScrapeInterval, _time);
        var uri = MetricsUri();
        do
        {
            try
            {
                var text = await http.GetStringAsync(uri, stoppingToken);
                Record(AppCounters.ByApp(PrometheusText.Parse(text)), _time.GetUtcNow());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException && !stoppingToken.IsCancellationRequested)
            {
                Fail(e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Adds one scrape (exposed for tests: rates are computed against the previous scrape).</summary>
    internal void Record(IReadOnlyDictionary<string, AppCounters> counters, DateTimeOffset now)
    {
        if (_previous is not null)
        {
            foreach (var (app, current) in counters)
            {
                var rates = AppRates.Between(_previous.GetValueOrDefault(app), current, now - _previousTime);
                var queue = _history.TryGetValue(app, out var q) ? q : _history[app] = new Queue<AppMetricsPoint>();
                queue.Enqueue(new AppMetricsPoint(now, rates));
                while (queue.Count > HistoryLength)
                {
                    queue.Dequeue();
                }
            }

            foreach (var gone in _history.Keys.Where(app => !counters.ContainsKey(app)).ToList())
            {
                _history.Remove(gone);
            }
        }

        _previous = counters;
        _previousTime = now;
        _lastError = "";
        _view = new RouterMetricsView(
            _view.Source,
            now,
            "",
            _history.ToDictionary(h => h.Key, h => (IReadOnlyList<AppMetricsPoint>)h.Value.ToArray(), StringComparer.Ordinal));
        _changes.Pulse();
    }

    private void Fail(string reason)
    {
        if (reason != _lastError)
        {
            SchedulerLog.RouterMetricsUnavailable(_logger, _view.Source, reason);
            _lastError = reason;
        }

        // A failed scrape breaks the series: the next rates must not span the gap as if it were one second.
        _previous = null;
        _view = _view with { Error = reason };
        _changes.Pulse();
    }

    private Uri MetricsUri() => new(new Uri(_options.RouterAdminAddress.TrimEnd('/') + "/"), "metrics");
}
