using System.Text.Json.Serialization;

namespace MiniPaas.Docker.Serialization;

/// <summary>The JSON the engine expects, base64url-encoded, in the <c>X-Registry-Auth</c> header.</summary>
internal sealed class RegistryAuthPayload
{
    [JsonPropertyName("username")]
    public string Username { get; init; } = string.Empty;

    [JsonPropertyName("password")]
    public string Password { get; init; } = string.Empty;

    [JsonPropertyName("serveraddress")]
    public string ServerAddress { get; init; } = string.Empty;
}
