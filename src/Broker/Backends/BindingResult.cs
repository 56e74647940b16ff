using System.Text.Json.Nodes;

namespace MiniPaas.Broker.Backends;

/// <summary>What a backend hands out for a new binding: the credentials object and the endpoint they point at.</summary>
internal sealed record BindingResult(JsonObject Credentials, string Host, int Port);
