using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Model;

namespace MiniPaas.Router.Proxy;

/// <summary>
/// Finds YARP's endpoint for a route id, so the host lookup can hand a request straight to its route and
/// ASP.NET's general-purpose matcher never has to be built over thousands of host routes. Refreshed when
/// YARP publishes new endpoints.
/// </summary>
internal sealed class ProxyEndpointDirectory : IDisposable
{
    private FrozenDictionary<string, Endpoint> _byRouteId = FrozenDictionary<string, Endpoint>.Empty;
    private IDisposable? _subscription;
    private CompositeEndpointDataSource? _sources;

    /// <summary>Starts following the endpoints of <paramref name="sources"/> (the app's data sources, YARP's among them).</summary>
    public void Attach(IEnumerable<EndpointDataSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        Dispose();
        var composite = new CompositeEndpointDataSource(sources);
        _sources = composite;
        _subscription = ChangeToken.OnChange(composite.GetChangeToken, () => Rebuild(composite));
        Rebuild(composite);
    }

    /// <summary>The endpoint of <paramref name="routeId"/>, if YARP already serves it.</summary>
    public bool TryGet(string routeId, out Endpoint endpoint) =>
        Volatile.Read(ref _byRouteId).TryGetValue(routeId, out endpoint!);

    public void Dispose()
    {
        _subscription?.Dispose();
        _subscription = null;
        _sources?.Dispose();
        _sources = null;
    }

    private void Rebuild(EndpointDataSource source)
    {
        var map = new Dictionary<string, Endpoint>(StringComparer.Ordinal);
        foreach (var endpoint in source.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<RouteModel>() is { } route)
            {
                map[route.Config.RouteId] = endpoint;
            }
        }

        Volatile.Write(ref _byRouteId, map.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
