using System.Text.Json;

namespace MiniPaas.Broker.Api;

/// <summary>
/// The body of <c>PUT /v2/service_instances/:instance_id/service_bindings/:binding_id</c>, checked for shape.
/// <c>AppGuid</c> is <c>bind_resource.app_guid</c>, or the deprecated top-level <c>app_guid</c>.
/// </summary>
internal sealed record BindRequest(string ServiceId, string PlanId, JsonElement? Parameters, string? AppGuid)
{
    public string ParametersJson => CanonicalJson.Write(Parameters);

    public static BindRequest Parse(JsonElement body)
    {
        RequestJson.OptionalObject(body, "context");
        var bindResource = RequestJson.OptionalObject(body, "bind_resource");
        var appGuid = (bindResource is { } resource ? RequestJson.OptionalString(resource, "app_guid") : null)
            ?? RequestJson.OptionalString(body, "app_guid");
        return new BindRequest(
            RequestJson.RequiredString(body, "service_id"),
            RequestJson.RequiredString(body, "plan_id"),
            RequestJson.OptionalObject(body, "parameters"),
            appGuid);
    }
}
