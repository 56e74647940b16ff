using System.Text.Json.Serialization;

namespace MiniPaas.Docker;

/// <summary>The object an event is about.</summary>
public sealed class EventActor
{
    /// <summary>Its id (container id for container events).</summary>
    [JsonPropertyName("ID")]
    public string Id { get; init; } = string.Empty;

    /// <summary>
    /// Attributes: for container events the container's labels plus <c>name</c> and <c>image</c>,
    /// and <c>exitCode</c> for <c>die</c>; <c>signal</c> for <c>kill</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
