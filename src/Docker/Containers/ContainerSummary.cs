using System.Text.Json.Serialization;

namespace MiniPaas.Docker;

/// <summary>One entry of <c>GET /containers/json</c>.</summary>
public sealed class ContainerSummary
{
    /// <summary>Full container id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Names, each with a leading '/'.</summary>
    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>Image as requested at creation.</summary>
    public string Image { get; init; } = string.Empty;

    /// <summary>Image id.</summary>
    [JsonPropertyName("ImageID")]
    public string ImageId { get; init; } = string.Empty;

    /// <summary>Command line as the engine shows it.</summary>
    public string Command { get; init; } = string.Empty;

    /// <summary>Creation time in Unix seconds.</summary>
    public long Created { get; init; }

    /// <summary>State word: <c>created</c>, <c>running</c>, <c>exited</c>, ...</summary>
    public string State { get; init; } = string.Empty;

    /// <summary>Human status, e.g. <c>Exited (137) 2 seconds ago</c>.</summary>
    public string Status { get; init; } = string.Empty;

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}
