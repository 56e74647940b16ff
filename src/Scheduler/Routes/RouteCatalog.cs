using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Routes;

/// <summary>
/// RouteCatalog is the route half of the Controller API: it lists an app's routes (the derived
/// default one first) and maps or unmaps explicit ones. A host+path belongs to at most one app;
/// mapping the same route to the same app again is a no-op, so scripts can repeat it. A change
/// records the new route table in the same transaction and publishes it to routers right after.
/// </summary>
internal sealed class RouteCatalog
{
    private readonly SchedulerStore _store;
    private readonly RouteAddresses _addresses;
    private readonly TimeProvider _time;
    private readonly RouteTableRecorder _recorder;
    private readonly RouteTablePublisher _publisher;
    private readonly ILogger<RouteCatalog> _logger;

    public RouteCatalog(
        SchedulerStore store,
        RouteAddresses addresses,
        TimeProvider time,
        RouteTableRecorder recorder,
        RouteTablePublisher publisher,
        ILogger<RouteCatalog> logger)
    {
        _store = store;
        _addresses = addresses;
        _time = time;
        _recorder = recorder;
        _publisher = publisher;
        _logger = logger;
    }

    /// <summary>All routes of <paramref name="app"/>, or of every app when it is empty.</summary>
    public ListRoutesReply List(string app)
    {
        if (app.Length > 0)
        {
            ValidateName(app);
        }

        return _store.Read(tx =>
        {
            var reply = new ListRoutesReply();
            if (app.Length > 0)
            {
                RequireApp(tx, app);
                reply.Routes.AddRange(RoutesOf(app, tx.ListRoutes(app)));
                return reply;
            }

            var routes = tx.ListRoutes().ToLookup(r => r.App, StringComparer.Ordinal);
            foreach (var each in tx.ListApps())
            {
                reply.Routes.AddRange(RoutesOf(each.Name, routes[each.Name]));
            }

            return reply;
        });
    }

    /// <summary>The default route followed by the explicit ones, as the CLI shows them.</summary>
    public IReadOnlyList<RouteSummary> RoutesOf(string app, IEnumerable<RouteRecord> explicitRoutes)
    {
        var summaries = new List<RouteSummary> { Summary(app, _addresses.DefaultHost(app), "") };
        summaries.AddRange(explicitRoutes
            .Where(r => !_addresses.IsDefaultRoute(app, r.Host, r.PathPrefix))
            .OrderBy(r => r.Host, StringComparer.Ordinal)
            .ThenBy(r => r.PathPrefix, StringComparer.Ordinal)
            .Select(r => Summary(app, r.Host, r.PathPrefix)));
        return summaries;
    }

    /// <summary>
    /// Maps host+path to the app. Throws INVALID_ARGUMENT for a bad host or path, NOT_FOUND for an
    /// unknown app and ALREADY_EXISTS naming the app that has the route.
    /// </summary>
    public RouteSummary Map(MapRouteRequest request)
    {
        var causedAt = Stopwatch.GetTimestamp();
        var (app, host, pathPrefix) = Validate(request);
        var (route, table) = _store.Write(tx =>
        {
            var added = Map(tx, app, host, pathPrefix);
            return (Summary(app, host, pathPrefix), added ? _recorder.Record(tx, null, $"route {Display(host, pathPrefix)} mapped", causedAt) : null);
        });
        Publish(table);
        return route;
    }

    /// <summary>
    /// Removes an explicit route of the app. Throws NOT_FOUND when the app does not have it and
    /// FAILED_PRECONDITION for the default route.
    /// </summary>
    public RouteSummary Unmap(MapRouteRequest request)
    {
        var causedAt = Stopwatch.GetTimestamp();
        var (app, host, pathPrefix) = Validate(request);
        var table = _store.Write(tx =>
        {
            Unmap(tx, app, host, pathPrefix);
            return _recorder.Record(tx, null, $"route {Display(host, pathPrefix)} unmapped", causedAt);
        });
        Publish(table);
        return Summary(app, host, pathPrefix);
    }

    private bool Map(StoreTransaction tx, string app, string host, string pathPrefix)
    {
        RequireApp(tx, app);
        if (_addresses.IsDefaultRoute(app, host, pathPrefix))
        {
            return false;
        }

        if (tx.GetRoute(host, pathPrefix) is { } existing)
        {
            if (string.Equals(existing.App, app, StringComparison.Ordinal))
            {
                return false;
            }

            throw new RpcException(StatusCode.AlreadyExists,
                $"route '{Display(host, pathPrefix)}' is already mapped to app '{existing.App}'; unmap it there first");
        }

        if (pathPrefix.Length == 0 && _addresses.AppOfDefaultHost(host) is { } owner
            && !string.Equals(owner, app, StringComparison.Ordinal) && tx.GetApp(owner) is not null)
        {
            throw new RpcException(StatusCode.AlreadyExists,
                $"route '{host}' is already mapped to app '{owner}' (its default route)");
        }

        var now = _time.GetUtcNow();
        tx.InsertRoute(new RouteRecord { App = app, Host = host, PathPrefix = pathPrefix, CreatedAt = now });
        tx.AppendEvent(new EventRecord { Time = now, App = app, Kind = EventKinds.RouteMapped, Message = $"route {Display(host, pathPrefix)} mapped to {app}" });
        return true;
    }

    private void Unmap(StoreTransaction tx, string app, string host, string pathPrefix)
    {
        RequireApp(tx, app);
        if (_addresses.IsDefaultRoute(app, host, pathPrefix))
        {
            throw new RpcException(StatusCode.FailedPrecondition,
                $"'{host}' is the default route of app '{app}' and cannot be unmapped: it exists as long as the app does");
        }

        var existing = tx.GetRoute(host, pathPrefix)
            ?? throw new RpcException(StatusCode.NotFound, $"route '{Display(host, pathPrefix)}' is not mapped to app '{app}'");
        if (!string.Equals(existing.App, app, StringComparison.Ordinal))
        {
            throw new RpcException(StatusCode.NotFound,
                $"route '{Display(host, pathPrefix)}' is not mapped to app '{app}' (it is mapped to app '{existing.App}')");
        }

        tx.DeleteRoute(host, pathPrefix);
        tx.AppendEvent(new EventRecord
        {
            Time = _time.GetUtcNow(),
            App = app,
            Kind = EventKinds.RouteUnmapped,
            Message = $"route {Display(host, pathPrefix)} unmapped from {app}",
        });
    }

    private void Publish(RouteTableSnapshot? table)
    {
        if (table is not null && _publisher.Publish(table))
        {
            SchedulerLog.RouteTablePublished(_logger, table.Version, table.Table.Apps.Count, table.DestinationCount, table.Cause);
        }
    }

    /// <summary>
    /// Refuses to create an app whose default host another app has mapped explicitly, so a new app
    /// never silently shares (or takes) another app's traffic.
    /// </summary>
    public void EnsureDefaultRouteFree(StoreTransaction tx, string app)
    {
        var host = _addresses.DefaultHost(app);
        if (tx.GetRoute(host, "") is { } taken && !string.Equals(taken.App, app, StringComparison.Ordinal))
        {
            throw new RpcException(StatusCode.AlreadyExists,
                $"cannot create app '{app}': its default route '{host}' is mapped to app '{taken.App}'; unmap it there first or choose another name");
        }
    }

    private (string App, string Host, string PathPrefix) Validate(MapRouteRequest request)
    {
        ValidateName(request.App);
        if (RouteRules.ValidateHost(request.Host) is { } hostError)
        {
            throw new RpcException(StatusCode.InvalidArgument, hostError);
        }

        var (pathPrefix, pathError) = RouteRules.NormalizePathPrefix(request.PathPrefix);
        if (pathError is not null)
        {
            throw new RpcException(StatusCode.InvalidArgument, pathError);
        }

        return (request.App, request.Host, pathPrefix);
    }

    private RouteSummary Summary(string app, string host, string pathPrefix) => new()
    {
        App = app,
        Host = host,
        PathPrefix = pathPrefix,
        Url = _addresses.Url(host, pathPrefix),
        DefaultRoute = _addresses.IsDefaultRoute(app, host, pathPrefix),
    };

    private static string Display(string host, string pathPrefix) => host + pathPrefix;

    private static void RequireApp(StoreTransaction tx, string app)
    {
        if (tx.GetApp(app) is null)
        {
            throw new RpcException(StatusCode.NotFound, $"app '{app}' not found");
        }
    }

    private static void ValidateName(string name)
    {
        if (AppNames.Validate(name) is { } error)
        {
            throw new RpcException(StatusCode.InvalidArgument, error);
        }
    }
}
