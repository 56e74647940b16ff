using MiniPaas.Broker.Api;

namespace MiniPaas.Broker.Hosting;

/// <summary>Maps the broker's HTTP API.</summary>
public static class BrokerEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Open Service Broker API v2 under <c>/v2</c> (basic authentication and <c>X-Broker-API-Version</c>
    /// required) and an unauthenticated <c>GET /healthz</c> that answers once the broker's servers are up.
    /// </summary>
    public static IEndpointRouteBuilder MapBroker(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        OsbEndpoints.Map(endpoints);
        return endpoints;
    }
}
