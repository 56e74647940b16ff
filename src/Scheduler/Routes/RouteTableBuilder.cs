using MiniPaas.Contracts.V1;
using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Routes;

/// <summary>
/// RouteTableBuilder computes what routers need from the scheduler's state. Pure and deterministic
/// (everything sorted), so two builds of the same state serialize to the same bytes and a
/// fingerprint tells a real change from a repeat.
/// </summary>
internal static class RouteTableBuilder
{
    /// <summary>
    /// One entry per app: its default route and mapped routes, and as destinations every instance
    /// that should run and that its agent reports RUNNING (agents report RUNNING only after the
    /// health check passed) on a ready node, whatever its release — during a rolling deploy old and
    /// new instances serve side by side until the scheduler stops an old one.
    /// </summary>
    public static RouteTable Build(
        IEnumerable<AppRecord> apps,
        IEnumerable<RouteRecord> routes,
        IEnumerable<InstanceRecord> instances,
        IReadOnlyDictionary<string, NodeRecord> nodes,
        RouteAddresses addresses)
    {
        var routesByApp = routes.ToLookup(r => r.App, StringComparer.Ordinal);
        var destinationsByApp = instances
            .Where(i => IsDestination(i, nodes))
            .ToLookup(i => i.App, StringComparer.Ordinal);

        var table = new RouteTable();
        foreach (var app in apps.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            var entry = new AppRoute
            {
                App = app.Name,
                LoadBalancing = app.LoadBalancing,
                StickySessions = app.StickySessions,
            };
            entry.Matches.Add(new RouteMatch { Host = addresses.DefaultHost(app.Name), PathPrefix = "" });
            foreach (var route in routesByApp[app.Name]
                         .Where(r => !addresses.IsDefaultRoute(app.Name, r.Host, r.PathPrefix))
                         .OrderBy(r => r.Host, StringComparer.Ordinal)
                         .ThenBy(r => r.PathPrefix, StringComparer.Ordinal))
            {
                entry.Matches.Add(new RouteMatch { Host = route.Host, PathPrefix = route.PathPrefix });
            }

            foreach (var instance in destinationsByApp[app.Name]
                         .OrderBy(i => i.Index)
                         .ThenBy(i => i.InstanceId, StringComparer.Ordinal))
            {
                entry.Destinations.Add(new RouteDestination
                {
                    InstanceId = instance.InstanceId,
                    Index = instance.Index,
                    Address = $"{nodes[instance.NodeId].Address}:{instance.Port}",
                });
            }

            table.Apps.Add(entry);
        }

        return table;
    }

    /// <summary>
    /// Whether the router may send requests to the instance. One the scheduler has decided to stop
    /// leaves the table at once, before its container stops, so no new request reaches it. One on a
    /// draining node keeps serving until its replacement runs and the scheduler stops it.
    /// </summary>
    public static bool IsDestination(InstanceRecord instance, IReadOnlyDictionary<string, NodeRecord> nodes) =>
        instance.Desired == DesiredStatus.Run
        && instance.Actual == Domain.InstanceState.Running
        && instance.Port > 0
        && nodes.TryGetValue(instance.NodeId, out var node)
        && node.State is NodeState.Ready or NodeState.Draining
        && node.Address.Length > 0;
}
