using System.Text.Json;

namespace MiniPaas.Broker.Api;

/// <summary>The body of <c>PUT /v2/service_instances/:instance_id</c>, checked for shape.</summary>
internal sealed record ProvisionRequest(
    string ServiceId,
    string PlanId,
    JsonElement? Parameters,
    string? ContextJson,
    string? OrganizationGuid,
    string? SpaceGuid,
    string? MaintenanceVersion)
{
    public string ParametersJson => CanonicalJson.Write(Parameters);

    public static ProvisionRequest Parse(JsonElement body) => new(
        RequestJson.RequiredString(body, "service_id"),
        RequestJson.RequiredString(body, "plan_id"),
        RequestJson.OptionalObject(body, "parameters"),
        RequestJson.OptionalObject(body, "context") is { } context ? CanonicalJson.Write(context) : null,
        // Deprecated in favour of context and not sent by every platform; when sent they must be non-empty strings.
        RequestJson.OptionalString(body, "organization_guid"),
        RequestJson.OptionalString(body, "space_guid"),
        RequestJson.MaintenanceVersion(body));
}
