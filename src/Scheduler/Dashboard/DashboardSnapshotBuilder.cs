using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MiniPaas.Scheduler.Dashboard.Metrics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Routes;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardSnapshotBuilder reads everything the page shows in one read transaction (so nodes,
/// apps, instances and events agree with each other) and adds the router's metrics. Ages and
/// uptimes are computed here from one clock reading, so the browser's clock does not matter.
/// </summary>
internal sealed class DashboardSnapshotBuilder
{
    /// <summary>Newest platform events sent with each snapshot.</summary>
    public const int EventCount = 200;

    private readonly SchedulerStore _store;
    private readonly RouteCatalog _routes;
    private readonly RouterMetricsPoller _metrics;
    private readonly TimeProvider _time;
    private readonly SchedulerOptions _options;
    private readonly DashboardLogTail _logTail;

    public DashboardSnapshotBuilder(SchedulerStore store, RouteCatalog routes, RouterMetricsPoller metrics, TimeProvider time, IOptions<SchedulerOptions> options, DashboardLogTail logTail)
    {
        _logTail = logTail;
        _store = store;
        _routes = routes;
        _metrics = metrics;
        _time = time;
        _options = options.Value;
    }

    public JsonObject Build()
    {
        var now = _time.GetUtcNow();
        var (apps, releases, instances, nodes, routes, events, services) = _store.Read(tx =>
        {
            var appList = tx.ListApps();
            var current = appList
                .Select(a => tx.GetRelease(a.Name, a.CurrentReleaseVersion))
                .OfType<ReleaseRecord>()
                .ToDictionary(r => r.App, StringComparer.Ordinal);
            return (appList, current, tx.ListInstances(), tx.ListNodes(), tx.ListRoutes().ToLookup(r => r.App, StringComparer.Ordinal), tx.ListEvents("", EventCount), DashboardBoundServices.ByApp(tx.ListBindings(), tx.ListServiceInstances()));
        });
        var nodesById = nodes.ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        var metrics = _metrics.Current;

        return new JsonObject
        {
            ["now"] = Time(now),
            ["nodeTtlMs"] = _options.NodeTtl.TotalMilliseconds,
            ["nodes"] = new JsonArray(nodes.Select(n => Node(n, instances, now)).ToArray<JsonNode?>()),
            ["apps"] = new JsonArray(apps.Select(a => App(a, releases.GetValueOrDefault(a.Name), instances, nodesById, routes[a.Name], services.GetValueOrDefault(a.Name) ?? [], now, metrics)).ToArray<JsonNode?>()),
            ["events"] = new JsonArray(events.Select(Event).ToArray<JsonNode?>()),
            ["metrics"] = new JsonObject
            {
                ["source"] = metrics.Source,
                ["lastScrape"] = metrics.LastScrape is { } scraped ? Time(scraped) : null,
                ["error"] = metrics.Error,
            },
            ["logs"] = _logTail.Configured
                ? new JsonObject
                {
                    ["source"] = "aggregator",
                    ["note"] = $"Live from the log aggregator at {_logTail.Address} (last {DashboardLogTail.Backlog} lines, then new ones).",
                }
                : new JsonObject
                {
                    ["source"] = "events",
                    ["note"] = "No log aggregator is configured for the scheduler (MiniPaas:LogAggregatorAddress): the tail shows this app's platform events (crashes, restarts, placements, deploy steps), not its output.",
                },
        };
    }

    private static JsonObject Node(NodeRecord node, IReadOnlyList<InstanceRecord> instances, DateTimeOffset now)
    {
        var holding = instances.Where(i => i.NodeId == node.NodeId && i.HoldsResources).ToList();
        return new JsonObject
        {
            ["id"] = node.NodeId,
            ["address"] = node.Address,
            ["state"] = StoreTransaction.NodeStateText(node.State),
            ["capacity"] = Amounts(node.Capacity),
            ["reserved"] = Amounts(new ResourceAmounts(holding.Sum(i => i.MemoryMb), holding.Sum(i => i.DiskMb), holding.Count)),
            ["reported"] = Amounts(node.ReportedUsed),
            ["running"] = holding.Count(i => i.Actual == InstanceState.Running),
            ["lastHeartbeat"] = Time(node.LastHeartbeat),
            ["heartbeatAgeMs"] = Math.Max(0, (now - node.LastHeartbeat).TotalMilliseconds),
            ["ports"] = string.Create(CultureInfo.InvariantCulture, $"{node.PortRangeStart}-{node.PortRangeEnd}"),
        };
    }

    private JsonObject App(
        AppRecord app,
        ReleaseRecord? release,
        IReadOnlyList<InstanceRecord> instances,
        Dictionary<string, NodeRecord> nodes,
        IEnumerable<RouteRecord> routes,
        IEnumerable<(string Name, string Service, string Plan, string State)> services,
        DateTimeOffset now,
        RouterMetricsView metrics)
    {
        var own = instances.Where(i => i.App == app.Name).OrderBy(i => i.Index).ThenBy(i => i.CreatedAt).ToList();
        var points = metrics.Apps.GetValueOrDefault(app.Name) ?? [];
        return new JsonObject
        {
            ["name"] = app.Name,
            ["state"] = app.Started ? "started" : "stopped",
            ["desired"] = app.Started ? app.DesiredInstances : 0,
            ["running"] = own.Count(i => i.Desired == DesiredStatus.Run && i.Actual == InstanceState.Running),
            ["memoryMb"] = app.MemoryMb,
            ["release"] = release is null ? null : new JsonObject
            {
                ["version"] = release.Version,
                ["digest"] = release.ImageDigest,
                ["stack"] = release.Stack,
                ["created"] = Time(release.CreatedAt),
                ["description"] = release.Description,
            },
            ["rolloutHalted"] = app.RolloutHalted,
            ["placementError"] = app.PlacementError,
            ["routes"] = new JsonArray(_routes.RoutesOf(app.Name, routes).Select(r => (JsonNode?)JsonValue.Create(r.Url)).ToArray()),
            ["services"] = DashboardBoundServices.Json(services),
            ["instances"] = new JsonArray(own.Select(i => Instance(i, nodes, now)).ToArray<JsonNode?>()),
            ["metrics"] = new JsonArray(points.Select(p => (JsonNode?)new JsonObject
            {
                ["t"] = Time(p.Time),
                ["rps"] = Round(p.Rates.RequestsPerSecond),
                ["p50"] = p.Rates.P50Ms is { } p50 ? Round(p50) : null,
                ["p99"] = p.Rates.P99Ms is { } p99 ? Round(p99) : null,
                ["err"] = Round(p.Rates.ErrorRatio),
            }).ToArray()),
        };
    }

    private static JsonObject Instance(InstanceRecord instance, Dictionary<string, NodeRecord> nodes, DateTimeOffset now) => new()
    {
        ["id"] = instance.InstanceId,
        ["index"] = instance.Index,
        ["state"] = StateText(instance.Actual),
        ["desired"] = instance.Desired == DesiredStatus.Run ? "run" : "stop",
        ["node"] = instance.NodeId,
        ["address"] = instance.Port > 0 && nodes.TryGetValue(instance.NodeId, out var node) ? string.Create(CultureInfo.InvariantCulture, $"{node.Address}:{instance.Port}") : "",
        ["release"] = instance.ReleaseVersion,
        ["since"] = Time(instance.Since),
        ["stateAgeMs"] = Math.Max(0, (now - instance.Since).TotalMilliseconds),
        ["uptimeMs"] = instance.Actual == InstanceState.Running ? Math.Max(0, (now - instance.Since).TotalMilliseconds) : null,
        ["restarts"] = instance.Restarts,
        ["crashCount"] = instance.CrashCount,
        ["exitCode"] = instance.LastExitCode,
        ["message"] = instance.Message,
        ["containerId"] = instance.ContainerId.Length > 12 ? instance.ContainerId[..12] : instance.ContainerId,
    };

    private static JsonObject Event(EventRecord e) => new()
    {
        ["id"] = e.Id,
        ["time"] = Time(e.Time),
        ["app"] = e.App,
        ["kind"] = e.Kind,
        ["index"] = e.InstanceIndex,
        ["node"] = e.NodeId,
        ["message"] = e.Message,
    };

    private static JsonObject Amounts(ResourceAmounts amounts) => new()
    {
        ["memoryMb"] = amounts.MemoryMb,
        ["diskMb"] = amounts.DiskMb,
        ["instances"] = amounts.Instances,
    };

    internal static string StateText(InstanceState state) => state.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static double Round(double value) => Math.Round(value, 3);
}
