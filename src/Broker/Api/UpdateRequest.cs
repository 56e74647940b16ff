using System.Text.Json;

namespace MiniPaas.Broker.Api;

/// <summary>
/// The body of <c>PATCH /v2/service_instances/:instance_id</c>, checked for shape. A <c>null</c> <c>PlanId</c>
/// keeps the current plan; <c>null</c> <c>Parameters</c> keep the current parameters.
/// </summary>
internal sealed record UpdateRequest(
    string ServiceId,
    string? PlanId,
    JsonElement? Parameters,
    string? ContextJson,
    string? MaintenanceVersion)
{
    public static UpdateRequest Parse(JsonElement body)
    {
        // previous_values is informational (the broker knows the instance's current state), but must be an object if sent.
        RequestJson.OptionalObject(body, "previous_values");
        return new UpdateRequest(
            RequestJson.RequiredString(body, "service_id"),
            RequestJson.OptionalString(body, "plan_id"),
            RequestJson.OptionalObject(body, "parameters"),
            RequestJson.OptionalObject(body, "context") is { } context ? CanonicalJson.Write(context) : null,
            RequestJson.MaintenanceVersion(body));
    }
}
