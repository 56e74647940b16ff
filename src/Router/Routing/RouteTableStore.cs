using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Router.Hosting;
using MiniPaas.Router.Logging;
using MiniPaas.Router.Metrics;

namespace MiniPaas.Router.Routing;

/// <summary>
/// Holds the route table in effect. <see cref="Apply"/> translates a table, hands the result to YARP and
/// swaps the lookup index; readers see either the old or the new table, never a mix.
/// </summary>
internal sealed class RouteTableStore
{
    private readonly RouteTableProxyConfigProvider _provider;
    private readonly ProxyConfigSettings _settings;
    private readonly RouterMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RouteTableStore> _logger;
    private readonly Lock _applyLock = new();
    private RouteTableState _current = RouteTableState.Empty;
    private volatile bool _schedulerConnected;

    public RouteTableStore(
        RouteTableProxyConfigProvider provider,
        IOptions<RouterOptions> options,
        RouterMetrics metrics,
        TimeProvider timeProvider,
        ILogger<RouteTableStore> logger)
    {
        _provider = provider;
        _settings = ProxyConfigSettings.From(options.Value);
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>The table in effect.</summary>
    public RouteTableState Current => Volatile.Read(ref _current);

    /// <summary>Whether the route stream to the scheduler is up (a table arrived on it and it has not failed since).</summary>
    public bool SchedulerConnected
    {
        get => _schedulerConnected;
        set
        {
            _schedulerConnected = value;
            _metrics.SetSchedulerConnected(value);
        }
    }

    /// <summary>Makes <paramref name="table"/> the table in effect.</summary>
    public RouteTableState Apply(RouteTable table, RouteTableSource source)
    {
        ArgumentNullException.ThrowIfNull(table);
        var translated = ProxyConfigTranslator.Translate(table, _settings);
        foreach (var problem in translated.Problems)
        {
            RouterLog.RouteTableEntrySkipped(_logger, table.Version, problem);
        }

        lock (_applyLock)
        {
            var state = new RouteTableState(table, translated, source, _timeProvider.GetUtcNow());

            // YARP first: by the time the index names a new route, YARP is (or is about to be) serving it;
            // the lookup falls back to ordinary endpoint routing for the brief moment it is not.
            _provider.Update(table.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), translated.Routes, translated.Clusters);
            Volatile.Write(ref _current, state);
            _metrics.SetRouteTable(table.Version, translated.Clusters.Count, translated.DestinationCount);
            RouterLog.RouteTableApplied(_logger, table.Version, source.ToString(), translated.Clusters.Count, translated.Routes.Count, translated.DestinationCount);
            return state;
        }
    }
}
