using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>A broker's answer: status, parsed JSON body (null when there was none) and headers.</summary>
internal sealed record OsbReply(HttpStatusCode Status, JsonObject? Body, HttpResponseHeaders Headers, string? ContentType)
{
    public string? Error => Body?["error"]?.GetValue<string>();

    public string? Description => Body?["description"]?.GetValue<string>();

    public string? Operation => Body?["operation"]?.GetValue<string>();

    public string? State => Body?["state"]?.GetValue<string>();

    public JsonObject Credentials => Body?["credentials"]?.AsObject() ?? throw new InvalidOperationException($"No credentials in {this}");

    public override string ToString() => $"{(int)Status} {Body?.ToJsonString()}";
}
