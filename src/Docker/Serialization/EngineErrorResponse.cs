using System.Text.Json.Serialization;

namespace MiniPaas.Docker.Serialization;

/// <summary>The engine's error body: <c>{"message": "..."}</c>.</summary>
internal sealed class EngineErrorResponse
{
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
