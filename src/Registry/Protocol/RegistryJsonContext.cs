using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using MiniPaas.Registry.Uploads;

namespace MiniPaas.Registry.Protocol;

/// <summary>Source-generated serializers for every JSON document the registry writes itself.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorResponse))]
[JsonSerializable(typeof(TagListResponse))]
[JsonSerializable(typeof(CatalogResponse))]
[JsonSerializable(typeof(UploadState))]
internal sealed partial class RegistryJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The default encoder escapes quotes and apostrophes as \u0022 for HTML safety; these bodies are JSON only,
    /// and error messages quote names, so they are written readable.
    /// </summary>
    public static RegistryJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
