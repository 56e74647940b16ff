using MiniPaas.Router.AccessLog;
using MiniPaas.Router.Routing;

namespace MiniPaas.Router.Proxy;

/// <summary>
/// Picks the app for a request from its host (case-insensitive, port ignored) and path, then hands it to
/// that app's YARP route. Requests no app is routed at get a 404 naming the host, here, before routing.
/// </summary>
internal sealed class RouteLookupMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RouteTableStore _store;
    private readonly ProxyEndpointDirectory _endpoints;

    public RouteLookupMiddleware(RequestDelegate next, RouteTableStore store, ProxyEndpointDirectory endpoints)
    {
        _next = next;
        _store = store;
        _endpoints = endpoints;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var state = _store.Current;
        if (state.Source == RouteTableSource.None)
        {
            return PlainTextResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, PlainTextResponses.NoTableYet());
        }

        var host = context.Request.Host.Host;
        var path = context.Request.Path.Value ?? "/";
        var result = state.Index.Lookup(host, path);
        if (result.Entry is not { } entry)
        {
            return PlainTextResponses.WriteAsync(
                context,
                StatusCodes.Status404NotFound,
                result.HostKnown ? PlainTextResponses.UnknownPath(host, path) : PlainTextResponses.UnknownHost(host));
        }

        if (context.Features.Get<RouterRequestFeature>() is { } feature)
        {
            feature.App = entry.App;
        }

        // With the endpoint set, UseRouting skips matching. For the instant between a table swap and YARP
        // publishing its endpoints the route may be missing here; ordinary routing over the same routes then decides.
        if (_endpoints.TryGet(entry.RouteId, out var endpoint))
        {
            context.SetEndpoint(endpoint);
        }

        return _next(context);
    }
}
