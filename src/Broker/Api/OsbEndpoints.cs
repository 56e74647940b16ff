using System.Text.Encodings.Web;
using System.Text.Json;
using MiniPaas.Broker.Bindings;
using MiniPaas.Broker.Catalog;
using MiniPaas.Broker.Instances;

namespace MiniPaas.Broker.Api;

/// <summary>The OSB API routes under <c>/v2</c>; each reads and checks its input, then hands over to a service.</summary>
internal static class OsbEndpoints
{
    private const string Instance = "/service_instances/{instance_id}";
    private const string Binding = Instance + "/service_bindings/{binding_id}";

    // Relaxed escaping: bodies go to API clients, never into HTML, and "\u0027" in descriptions helps no one.
    private static readonly JsonSerializerOptions ResponseJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var catalogBody = CatalogDocument.Build(endpoints.ServiceProvider.GetRequiredService<BrokerCatalog>()).ToJsonString(ResponseJson);
        var v2 = endpoints.MapGroup("/v2").AddEndpointFilter<BrokerApiFilter>();

        v2.MapGet("/catalog", () => Results.Content(catalogBody, "application/json"));

        v2.MapPut(Instance, (HttpContext http, string instance_id, InstanceService instances) => HandleAsync(async () =>
        {
            IdRules.Validate("instance_id", instance_id);
            var acceptsIncomplete = RequestJson.AcceptsIncomplete(http.Request);
            var request = ProvisionRequest.Parse(await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted));
            return await instances.ProvisionAsync(instance_id, request, acceptsIncomplete, http.RequestAborted);
        }));

        v2.MapPatch(Instance, (HttpContext http, string instance_id, InstanceService instances) => HandleAsync(async () =>
        {
            IdRules.Validate("instance_id", instance_id);
            var acceptsIncomplete = RequestJson.AcceptsIncomplete(http.Request);
            var request = UpdateRequest.Parse(await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted));
            return await instances.UpdateAsync(instance_id, request, acceptsIncomplete, http.RequestAborted);
        }));

        v2.MapDelete(Instance, (HttpContext http, string instance_id, InstanceService instances) => HandleAsync(() =>
        {
            IdRules.Validate("instance_id", instance_id);
            var acceptsIncomplete = RequestJson.AcceptsIncomplete(http.Request);
            var serviceId = RequestJson.RequiredQuery(http.Request, "service_id");
            var planId = RequestJson.RequiredQuery(http.Request, "plan_id");
            return instances.DeprovisionAsync(instance_id, serviceId, planId, acceptsIncomplete, http.RequestAborted);
        }));

        v2.MapGet(Instance, (string instance_id, InstanceService instances) => HandleAsync(() =>
        {
            IdRules.Validate("instance_id", instance_id);
            return Task.FromResult(instances.Get(instance_id));
        }));

        v2.MapGet(Instance + "/last_operation", (HttpContext http, string instance_id, InstanceService instances, BrokerCatalog catalog) => HandleAsync(() =>
        {
            IdRules.Validate("instance_id", instance_id);
            CheckCatalogHints(http.Request, catalog);
            return Task.FromResult(instances.LastOperation(instance_id, RequestJson.OptionalQuery(http.Request, "operation")));
        }));

        v2.MapPut(Binding, (HttpContext http, string instance_id, string binding_id, BindingService bindings) => HandleAsync(async () =>
        {
            IdRules.Validate("instance_id", instance_id);
            IdRules.Validate("binding_id", binding_id);
            // Bindings are always synchronous, so accepts_incomplete only has to be well-formed.
            RequestJson.AcceptsIncomplete(http.Request);
            var request = BindRequest.Parse(await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted));
            return await bindings.CreateBindingAsync(instance_id, binding_id, request, http.RequestAborted);
        }));

        v2.MapDelete(Binding, (HttpContext http, string instance_id, string binding_id, BindingService bindings) => HandleAsync(() =>
        {
            IdRules.Validate("instance_id", instance_id);
            IdRules.Validate("binding_id", binding_id);
            RequestJson.AcceptsIncomplete(http.Request);
            var serviceId = RequestJson.RequiredQuery(http.Request, "service_id");
            var planId = RequestJson.RequiredQuery(http.Request, "plan_id");
            return bindings.DeleteBindingAsync(instance_id, binding_id, serviceId, planId, http.RequestAborted);
        }));

        v2.MapGet(Binding, (string instance_id, string binding_id, BindingService bindings) => HandleAsync(() =>
        {
            IdRules.Validate("instance_id", instance_id);
            IdRules.Validate("binding_id", binding_id);
            return Task.FromResult(bindings.Get(instance_id, binding_id));
        }));

        v2.MapGet(Binding + "/last_operation", (HttpContext http, string instance_id, string binding_id, BindingService bindings, BrokerCatalog catalog) => HandleAsync(() =>
        {
            IdRules.Validate("instance_id", instance_id);
            IdRules.Validate("binding_id", binding_id);
            CheckCatalogHints(http.Request, catalog);
            RequestJson.OptionalQuery(http.Request, "operation");
            return Task.FromResult(bindings.LastOperation(instance_id, binding_id));
        }));
    }

    public static IResult Write(OsbResponse response) =>
        Results.Content(response.Body.ToJsonString(ResponseJson), "application/json", statusCode: response.StatusCode);

    private static async Task<IResult> HandleAsync(Func<Task<OsbResponse>> handler)
    {
        try
        {
            return Write(await handler());
        }
        catch (BadRequestException ex)
        {
            return Write(OsbResponse.BadRequest(ex.Message));
        }
    }

    /// <summary>last_operation's service_id and plan_id are hints, but when sent they must name catalog entries.</summary>
    private static void CheckCatalogHints(HttpRequest request, BrokerCatalog catalog)
    {
        var serviceId = RequestJson.OptionalQuery(request, "service_id");
        var planId = RequestJson.OptionalQuery(request, "plan_id");
        if (serviceId is not null)
        {
            var service = CatalogRules.Service(catalog, serviceId);
            if (planId is not null)
            {
                CatalogRules.Plan(service, planId);
            }
        }
        else if (planId is not null && !catalog.Services.Any(s => s.FindPlan(planId) is not null))
        {
            throw new BadRequestException($"plan_id \"{planId}\" is not a plan of this broker's catalog.");
        }
    }
}
