using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MiniPaas.Rpc;

namespace MiniPaas.Scheduler.Services;

/// <summary>
/// OsbClient speaks Open Service Broker API v2.17 to brokers: basic auth, the
/// <c>X-Broker-API-Version</c> header, <c>accepts_incomplete=true</c> on instance operations.
/// Broker error bodies (<c>{"error", "description"}</c>) become <see cref="RpcException"/>s that
/// carry the broker's description, so the CLI shows the broker's own words.
/// </summary>
internal sealed class OsbClient : IDisposable
{
    public const string ApiVersion = "2.17";

    private readonly HttpClient _http;

    public OsbClient(IOptions<ServicesOptions> options)
    {
        // Brokers are on loopback; never let a proxy setting in the environment route them elsewhere.
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
        {
            Timeout = options.Value.BrokerRequestTimeout,
        };
    }

    public async Task<IReadOnlyList<CatalogService>> GetCatalogAsync(BrokerEndpoint broker, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(broker, HttpMethod.Get, "v2/catalog", null, cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            throw Failure(broker, "reading the catalog", status, body);
        }

        return ParseCatalog(broker, body);
    }

    public async Task<OsbOperation> ProvisionAsync(
        BrokerEndpoint broker, string instanceId, string serviceId, string planId, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["service_id"] = serviceId,
            ["plan_id"] = planId,
            ["organization_guid"] = "minipaas",
            ["space_guid"] = "minipaas",
            ["context"] = new JsonObject { ["platform"] = "minipaas" },
        };
        var (status, body) = await SendAsync(broker, HttpMethod.Put, $"v2/service_instances/{Uri.EscapeDataString(instanceId)}?accepts_incomplete=true", request, cancellationToken);
        return status switch
        {
            HttpStatusCode.Created or HttpStatusCode.OK => new OsbOperation(false, ""),
            HttpStatusCode.Accepted => new OsbOperation(true, OperationOf(body)),
            _ => throw Failure(broker, "provisioning", status, body),
        };
    }

    public async Task<OsbOperation> DeprovisionAsync(
        BrokerEndpoint broker, string instanceId, string serviceId, string planId, CancellationToken cancellationToken)
    {
        var path = $"v2/service_instances/{Uri.EscapeDataString(instanceId)}?accepts_incomplete=true&service_id={Uri.EscapeDataString(serviceId)}&plan_id={Uri.EscapeDataString(planId)}";
        var (status, body) = await SendAsync(broker, HttpMethod.Delete, path, null, cancellationToken);
        return status switch
        {
            HttpStatusCode.OK => new OsbOperation(false, ""),
            HttpStatusCode.Gone => new OsbOperation(false, "", Gone: true),
            HttpStatusCode.Accepted => new OsbOperation(true, OperationOf(body)),
            _ => throw Failure(broker, "deprovisioning", status, body),
        };
    }

    public async Task<OsbLastOperation> LastOperationAsync(
        BrokerEndpoint broker, string instanceId, string serviceId, string planId, string operation, CancellationToken cancellationToken)
    {
        var path = new StringBuilder($"v2/service_instances/{Uri.EscapeDataString(instanceId)}/last_operation?service_id={Uri.EscapeDataString(serviceId)}&plan_id={Uri.EscapeDataString(planId)}");
        if (operation.Length > 0)
        {
            path.Append("&operation=").Append(Uri.EscapeDataString(operation));
        }

        var (status, body) = await SendAsync(broker, HttpMethod.Get, path.ToString(), null, cancellationToken);
        if (status == HttpStatusCode.Gone)
        {
            return new OsbLastOperation(OsbLastOperation.Succeeded, "gone", Gone: true);
        }

        if (status != HttpStatusCode.OK)
        {
            throw Failure(broker, "polling last_operation", status, body);
        }

        var state = body?["state"]?.GetValue<string>()
            ?? throw new RpcException(StatusCode.Unavailable, $"broker '{broker.Name}' answered last_operation without a state");
        return new OsbLastOperation(state, body["description"]?.GetValue<string>() ?? "");
    }

    /// <summary>Creates a binding for <paramref name="app"/> and returns its credentials object.</summary>
    public async Task<JsonObject> BindAsync(
        BrokerEndpoint broker, string instanceId, string bindingId, string serviceId, string planId, string app, CancellationToken cancellationToken)
    {
        var request = new JsonObject
        {
            ["service_id"] = serviceId,
            ["plan_id"] = planId,
            ["app_guid"] = app,
            ["bind_resource"] = new JsonObject { ["app_guid"] = app },
            ["context"] = new JsonObject { ["platform"] = "minipaas" },
        };
        var (status, body) = await SendAsync(broker, HttpMethod.Put, $"v2/service_instances/{Uri.EscapeDataString(instanceId)}/service_bindings/{Uri.EscapeDataString(bindingId)}", request, cancellationToken);
        if (status is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw Failure(broker, "binding", status, body);
        }

        return body?["credentials"] as JsonObject
            ?? throw new RpcException(StatusCode.Unavailable, $"broker '{broker.Name}' answered the bind without credentials");
    }

    /// <summary>Deletes a binding; a binding the broker no longer knows (410) counts as deleted.</summary>
    public async Task UnbindAsync(
        BrokerEndpoint broker, string instanceId, string bindingId, string serviceId, string planId, CancellationToken cancellationToken)
    {
        var path = $"v2/service_instances/{Uri.EscapeDataString(instanceId)}/service_bindings/{Uri.EscapeDataString(bindingId)}?service_id={Uri.EscapeDataString(serviceId)}&plan_id={Uri.EscapeDataString(planId)}";
        var (status, body) = await SendAsync(broker, HttpMethod.Delete, path, null, cancellationToken);
        if (status is not (HttpStatusCode.OK or HttpStatusCode.Gone))
        {
            throw Failure(broker, "unbinding", status, body);
        }
    }

    public void Dispose() => _http.Dispose();

    private static string OperationOf(JsonNode? body) => body?["operation"]?.GetValue<string>() ?? "";

    private static IReadOnlyList<CatalogService> ParseCatalog(BrokerEndpoint broker, JsonNode? body)
    {
        if (body?["services"] is not JsonArray services)
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"broker '{broker.Name}' at {broker.Url} returned a catalog without 'services'");
        }

        var result = new List<CatalogService>();
        foreach (var service in services.OfType<JsonObject>())
        {
            var bindable = service["bindable"]?.GetValue<bool>() ?? false;
            var plans = (service["plans"] as JsonArray ?? [])
                .OfType<JsonObject>()
                .Select(p => new CatalogPlan(
                    Text(p, "id"), Text(p, "name"), Text(p, "description"),
                    p["free"]?.GetValue<bool>() ?? true, p["bindable"]?.GetValue<bool>() ?? bindable))
                .ToList();
            var tags = (service["tags"] as JsonArray ?? []).Select(t => t?.GetValue<string>() ?? "").Where(t => t.Length > 0).ToList();
            result.Add(new CatalogService(Text(service, "id"), Text(service, "name"), Text(service, "description"), tags, bindable, plans));
        }

        return result;
    }

    private static string Text(JsonObject node, string name) => node[name]?.GetValue<string>() ?? "";

    private static RpcException Failure(BrokerEndpoint broker, string action, HttpStatusCode status, JsonNode? body)
    {
        var error = body is JsonObject o ? o["error"]?.GetValue<string>() ?? "" : "";
        var description = body is JsonObject d ? d["description"]?.GetValue<string>() ?? "" : "";
        var code = status switch
        {
            HttpStatusCode.BadRequest => StatusCode.InvalidArgument,
            HttpStatusCode.NotFound or HttpStatusCode.Gone => StatusCode.NotFound,
            HttpStatusCode.Conflict => StatusCode.AlreadyExists,
            HttpStatusCode.Unauthorized => StatusCode.FailedPrecondition,
            HttpStatusCode.PreconditionFailed or HttpStatusCode.UnprocessableEntity => StatusCode.FailedPrecondition,
            >= HttpStatusCode.InternalServerError => StatusCode.Unavailable,
            _ => StatusCode.Unknown,
        };
        var what = status == HttpStatusCode.Unauthorized && description.Length == 0
            ? "rejected the username/password the platform has for it"
            : description.Length > 0 ? description : $"answered HTTP {(int)status}";
        var detail = new StringBuilder($"broker '{broker.Name}' {action}: {what}");
        detail.Append(CultureInfo.InvariantCulture, $" (HTTP {(int)status}{(error.Length > 0 ? ", " + error : "")})");
        return new RpcException(code, detail.ToString());
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(
        BrokerEndpoint broker, HttpMethod method, string relativePath, JsonObject? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(broker.Url, relativePath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.Username}:{broker.Password}")));
        request.Headers.Add("X-Broker-API-Version", ApiVersion);
        request.Headers.Add("X-Broker-API-Originating-Identity", "minipaas " + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"user_id\":\"admin\"}")));
        if (content is not null)
        {
            request.Content = new StringContent(content.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new RpcException(StatusCode.Unavailable, $"broker '{broker.Name}' at {broker.Url} cannot be reached: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RpcException(StatusCode.DeadlineExceeded, $"broker '{broker.Name}' at {broker.Url} did not answer within {_http.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? body = null;
            if (text.Length > 0)
            {
                try
                {
                    body = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    // Not JSON (e.g. a proxy's HTML page): the status alone describes the failure.
                    if (response.IsSuccessStatusCode)
                    {
                        throw new RpcException(StatusCode.Unavailable, $"broker '{broker.Name}' answered {method} {relativePath.Split('?')[0]} with a body that is not JSON");
                    }
                }
            }

            return (response.StatusCode, body);
        }
    }
}
