using System.Text.Json.Serialization;

namespace MiniPaas.Docker.Serialization;

/// <summary>
/// Source-generated serializers for every engine payload. The engine's names are PascalCase like
/// the properties, so no naming policy; matching is case-insensitive because a few fields differ
/// only by case between API versions.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DockerVersion))]
[JsonSerializable(typeof(ImageInspect))]
[JsonSerializable(typeof(ContainerInspect))]
[JsonSerializable(typeof(List<ContainerSummary>))]
[JsonSerializable(typeof(CreateContainerRequest))]
[JsonSerializable(typeof(CreateContainerResponse))]
[JsonSerializable(typeof(WaitContainerResponse))]
[JsonSerializable(typeof(EngineErrorResponse))]
[JsonSerializable(typeof(JsonStreamMessage))]
[JsonSerializable(typeof(DockerEvent))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
[JsonSerializable(typeof(RegistryAuthPayload))]
internal sealed partial class DockerJsonContext : JsonSerializerContext
{
}
