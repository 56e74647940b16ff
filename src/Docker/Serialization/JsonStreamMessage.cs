using System.Text.Json.Serialization;

namespace MiniPaas.Docker.Serialization;

/// <summary>
/// One progress message of pull/load/import streams (<c>jsonmessage</c> in the engine's code).
/// An error arrives as one of these with <c>error</c>/<c>errorDetail</c> set, after a 200 status.
/// </summary>
internal sealed class JsonStreamMessage
{
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("progress")]
    public string? Progress { get; init; }

    [JsonPropertyName("stream")]
    public string? Stream { get; init; }

    [JsonPropertyName("error")]
    public string? Error { get; init; }

    [JsonPropertyName("errorDetail")]
    public EngineErrorResponse? ErrorDetail { get; init; }
}
