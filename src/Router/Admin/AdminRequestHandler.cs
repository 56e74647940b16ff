using System.Text.Json;
using MiniPaas.Router.Metrics;
using MiniPaas.Router.Routing;
using Yarp.ReverseProxy;

namespace MiniPaas.Router.Admin;

/// <summary>
/// Serves the admin port: <c>/metrics</c> (Prometheus text), <c>/healthz</c> (process up; JSON with table
/// version and scheduler link) and <c>/routes</c> (the table in effect as JSON, with each instance's health).
/// </summary>
internal sealed class AdminRequestHandler
{
    private readonly RouteTableStore _store;
    private readonly RouterMetrics _metrics;
    private readonly IProxyStateLookup _proxyState;

    public AdminRequestHandler(RouteTableStore store, RouterMetrics metrics, IProxyStateLookup proxyState)
    {
        _store = store;
        _metrics = metrics;
        _proxyState = proxyState;
    }

    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        }

        switch (request.Path.Value)
        {
            case "/metrics":
                response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                return response.WriteAsync(_metrics.Render(), context.RequestAborted);
            case "/healthz":
                var state = _store.Current;
                response.ContentType = "application/json; charset=utf-8";
                return response.WriteAsync(
                    JsonSerializer.Serialize(new HealthDocument("ok", state.Table.Version, state.Source.ToString(), _store.SchedulerConnected), AdminJsonContext.Default.HealthDocument),
                    context.RequestAborted);
            case "/routes":
                response.ContentType = "application/json; charset=utf-8";
                return response.WriteAsync(JsonSerializer.Serialize(BuildRoutes(), AdminJsonContext.Default.RoutesDocument), context.RequestAborted);
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                response.ContentType = "text/plain; charset=utf-8";
                return response.WriteAsync($"no admin resource at \"{request.Path}\"; try /metrics, /healthz or /routes\n", context.RequestAborted);
        }
    }

    private RoutesDocument BuildRoutes()
    {
        var state = _store.Current;
        var apps = new List<RoutedAppDocument>();
        foreach (var cluster in state.Translated.Clusters)
        {
            _proxyState.TryGetCluster(cluster.ClusterId, out var clusterState);
            var destinations = new List<RoutedDestinationDocument>();
            foreach (var (id, config) in cluster.Destinations ?? new Dictionary<string, Yarp.ReverseProxy.Configuration.DestinationConfig>())
            {
                var index = config.Metadata is { } metadata && metadata.TryGetValue(ProxyConfigTranslator.InstanceIndexMetadataKey, out var text)
                    && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : -1;
                var health = "Unknown";
                var concurrent = 0;
                if (clusterState is not null && clusterState.Destinations.TryGetValue(id, out var destination))
                {
                    health = destination.Health.Passive.ToString();
                    concurrent = destination.ConcurrentRequestCount;
                }

                destinations.Add(new RoutedDestinationDocument(id, index, config.Address, health, concurrent));
            }

            var matches = state.Index.Entries
                .Where(e => e.App == cluster.ClusterId)
                .Select(e => new RoutedMatchDocument(e.Host, e.PathPrefix))
                .ToList();
            apps.Add(new RoutedAppDocument(
                cluster.ClusterId,
                matches,
                cluster.LoadBalancingPolicy ?? "RoundRobin",
                cluster.SessionAffinity?.Enabled == true,
                destinations));
        }

        return new RoutesDocument(
            state.Table.Version,
            state.Source.ToString(),
            state.Source == RouteTableSource.None ? null : state.AppliedAt,
            _store.SchedulerConnected,
            apps,
            state.Translated.Problems);
    }
}
