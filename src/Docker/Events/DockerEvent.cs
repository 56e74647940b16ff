using System.Globalization;
using System.Text.Json.Serialization;

namespace MiniPaas.Docker;

/// <summary>One entry of the engine's <c>GET /events</c> stream.</summary>
public sealed class DockerEvent
{
    /// <summary>Object type: <c>container</c>, <c>image</c>, <c>network</c>, <c>volume</c>, ...</summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>What happened: <c>create</c>, <c>start</c>, <c>die</c>, <c>kill</c>, <c>oom</c>, <c>destroy</c>, ...</summary>
    public string Action { get; init; } = string.Empty;

    /// <summary>The object it happened to.</summary>
    public EventActor Actor { get; init; } = new();

    /// <summary><c>local</c> or <c>swarm</c>.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }

    /// <summary>When it happened, Unix seconds.</summary>
    [JsonPropertyName("time")]
    public long Time { get; init; }

    /// <summary>When it happened, Unix nanoseconds.</summary>
    [JsonPropertyName("timeNano")]
    public long TimeNano { get; init; }

    /// <summary>When it happened.</summary>
    [JsonIgnore]
    public DateTimeOffset Timestamp => DateTimeOffset.UnixEpoch.AddTicks(TimeNano / 100);

    /// <summary>The container's exit code for a <c>die</c> event; null for other events.</summary>
    [JsonIgnore]
    public int? ExitCode =>
        Actor.Attributes.TryGetValue("exitCode", out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)
            ? code
            : null;
}
