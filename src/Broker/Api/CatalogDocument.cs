using System.Text.Json.Nodes;
using MiniPaas.Broker.Catalog;

namespace MiniPaas.Broker.Api;

/// <summary>The body of <c>GET /v2/catalog</c>.</summary>
internal static class CatalogDocument
{
    public static JsonObject Build(BrokerCatalog catalog)
    {
        var services = new JsonArray();
        foreach (var service in catalog.Services)
        {
            var plans = new JsonArray();
            foreach (var plan in service.Plans)
            {
                plans.Add(new JsonObject
                {
                    ["id"] = plan.Id,
                    ["name"] = plan.Name,
                    ["description"] = plan.Description,
                    ["free"] = true,
                    ["bindable"] = true,
                    ["plan_updateable"] = plan.PlanUpdateable,
                    ["maintenance_info"] = new JsonObject { ["version"] = plan.MaintenanceVersion },
                    ["metadata"] = new JsonObject
                    {
                        ["asynchronous"] = plan.RequiresAsync,
                        ["connection_limit"] = plan.ConnectionLimit,
                    },
                    ["schemas"] = new JsonObject
                    {
                        ["service_instance"] = new JsonObject
                        {
                            ["create"] = new JsonObject { ["parameters"] = NoParametersSchema() },
                            ["update"] = new JsonObject { ["parameters"] = NoParametersSchema() },
                        },
                        ["service_binding"] = new JsonObject
                        {
                            ["create"] = new JsonObject { ["parameters"] = NoParametersSchema() },
                        },
                    },
                });
            }

            services.Add(new JsonObject
            {
                ["id"] = service.Id,
                ["name"] = service.Name,
                ["description"] = service.Description,
                ["tags"] = new JsonArray(service.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                ["bindable"] = true,
                ["instances_retrievable"] = true,
                ["bindings_retrievable"] = true,
                ["allow_context_updates"] = true,
                ["plan_updateable"] = service.Plans.Any(p => p.PlanUpdateable),
                ["metadata"] = new JsonObject { ["displayName"] = service.Name },
                ["plans"] = plans,
            });
        }

        return new JsonObject { ["services"] = services };
    }

    // The broker refuses unknown parameters, and says so here so a platform can check before asking.
    private static JsonObject NoParametersSchema() => new()
    {
        ["$schema"] = "http://json-schema.org/draft-04/schema#",
        ["type"] = "object",
        ["additionalProperties"] = false,
    };
}
