using System.Text.Json.Serialization;

namespace MiniPaas.Router.Admin;

/// <summary>Source-generated JSON for the admin endpoints.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(RoutesDocument))]
[JsonSerializable(typeof(HealthDocument))]
internal sealed partial class AdminJsonContext : JsonSerializerContext
{
}
