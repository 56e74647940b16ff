using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>
/// A platform's side of the Open Service Broker API, written from the specification (v2.17): every call sends
/// <c>X-Broker-API-Version</c> and basic credentials unless told otherwise, and returns the raw status and body.
/// </summary>
internal sealed class OsbClient : IDisposable
{
    public const string ApiVersion = "2.17";

    private readonly HttpClient _http;

    public OsbClient(Uri address, string? username, string? password, string? apiVersion = ApiVersion)
    {
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (username is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }

        if (apiVersion is not null)
        {
            _http.DefaultRequestHeaders.Add("X-Broker-API-Version", apiVersion);
        }
    }

    public Task<OsbReply> CatalogAsync() => SendAsync(HttpMethod.Get, "/v2/catalog");

    public Task<OsbReply> ProvisionAsync(string instanceId, string serviceId, string planId, bool acceptsIncomplete = false, JsonObject? extra = null)
    {
        var body = new JsonObject { ["service_id"] = serviceId, ["plan_id"] = planId, ["context"] = new JsonObject { ["platform"] = "minipaas" } };
        Merge(body, extra);
        return SendAsync(HttpMethod.Put, $"/v2/service_instances/{instanceId}{Async(acceptsIncomplete)}", body);
    }

    public Task<OsbReply> UpdateAsync(string instanceId, string serviceId, string? planId, bool acceptsIncomplete = false, JsonObject? extra = null)
    {
        var body = new JsonObject { ["service_id"] = serviceId };
        if (planId is not null)
        {
            body["plan_id"] = planId;
        }

        Merge(body, extra);
        return SendAsync(HttpMethod.Patch, $"/v2/service_instances/{instanceId}{Async(acceptsIncomplete)}", body);
    }

    public Task<OsbReply> DeprovisionAsync(string instanceId, string serviceId, string planId, bool acceptsIncomplete = false) =>
        SendAsync(HttpMethod.Delete, $"/v2/service_instances/{instanceId}?service_id={serviceId}&plan_id={planId}{(acceptsIncomplete ? "&accepts_incomplete=true" : string.Empty)}");

    public Task<OsbReply> GetInstanceAsync(string instanceId) => SendAsync(HttpMethod.Get, $"/v2/service_instances/{instanceId}");

    public Task<OsbReply> LastOperationAsync(string instanceId, string? operation = null) =>
        SendAsync(HttpMethod.Get, $"/v2/service_instances/{instanceId}/last_operation{(operation is null ? string.Empty : "?operation=" + Uri.EscapeDataString(operation))}");

    public Task<OsbReply> BindAsync(string instanceId, string bindingId, string serviceId, string planId, JsonObject? extra = null)
    {
        var body = new JsonObject { ["service_id"] = serviceId, ["plan_id"] = planId, ["bind_resource"] = new JsonObject { ["app_guid"] = "app-1" } };
        Merge(body, extra);
        return SendAsync(HttpMethod.Put, $"/v2/service_instances/{instanceId}/service_bindings/{bindingId}", body);
    }

    public Task<OsbReply> UnbindAsync(string instanceId, string bindingId, string serviceId, string planId) =>
        SendAsync(HttpMethod.Delete, $"/v2/service_instances/{instanceId}/service_bindings/{bindingId}?service_id={serviceId}&plan_id={planId}");

    public Task<OsbReply> GetBindingAsync(string instanceId, string bindingId) =>
        SendAsync(HttpMethod.Get, $"/v2/service_instances/{instanceId}/service_bindings/{bindingId}");

    /// <summary>Polls last_operation as a platform does until the state is no longer "in progress" (or the instance is gone).</summary>
    public Task<OsbReply> WaitForOperationAsync(string instanceId, string operation, TimeSpan? timeout = null) =>
        Eventually.WaitForAsync(
            () => LastOperationAsync(instanceId, operation),
            reply => reply.Status == HttpStatusCode.Gone || (reply.Status == HttpStatusCode.OK && reply.State != "in progress"),
            timeout ?? TimeSpan.FromSeconds(60),
            $"operation {operation} of instance {instanceId}");

    public async Task<OsbReply> SendAsync(HttpMethod method, string path, JsonObject? body = null, string? rawBody = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null || rawBody is not null)
        {
            request.Content = new StringContent(rawBody ?? body!.ToJsonString(), Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length == 0 ? null : JsonNode.Parse(text)?.AsObject();
        return new OsbReply(response.StatusCode, json, response.Headers, response.Content.Headers.ContentType?.MediaType);
    }

    public HttpRequestHeaders DefaultHeaders => _http.DefaultRequestHeaders;

    public void Dispose() => _http.Dispose();

    private static string Async(bool acceptsIncomplete) => acceptsIncomplete ? "?accepts_incomplete=true" : string.Empty;

    private static void Merge(JsonObject body, JsonObject? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (var (name, value) in extra)
        {
            body[name] = value?.DeepClone();
        }
    }
}
