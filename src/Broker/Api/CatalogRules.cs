using System.Text.Json;
using MiniPaas.Broker.Catalog;

namespace MiniPaas.Broker.Api;

/// <summary>Checks of request fields against the catalog; violations are malformed requests (400).</summary>
internal static class CatalogRules
{
    public static ServiceOffering Service(BrokerCatalog catalog, string serviceId) =>
        catalog.FindService(serviceId)
        ?? throw new BadRequestException($"service_id \"{serviceId}\" is not a service of this broker's catalog (GET /v2/catalog lists them).");

    public static ServicePlan Plan(ServiceOffering service, string planId) =>
        service.FindPlan(planId)
        ?? throw new BadRequestException($"plan_id \"{planId}\" is not a plan of service {service.Name} ({service.Id}).");

    /// <summary>No plan takes configuration parameters yet, so any parameter is refused rather than silently ignored.</summary>
    public static void NoParameters(ServiceOffering service, ServicePlan plan, JsonElement? parameters)
    {
        if (parameters is not { } value)
        {
            return;
        }

        using var properties = value.EnumerateObject();
        if (properties.MoveNext())
        {
            throw new BadRequestException($"Plan {service.Name}/{plan.Name} accepts no parameters; got \"{properties.Current.Name}\".");
        }
    }
}
