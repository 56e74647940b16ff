using System.Text.Json.Serialization;
using MiniPaas.Docker.Serialization;

namespace MiniPaas.Docker;

/// <summary>The engine's answer to <c>GET /containers/{id}/json</c>, reduced to what MiniPaas uses.</summary>
public sealed class ContainerInspect
{
    /// <summary>Full container id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Name with the engine's leading '/', e.g. <c>/web-1</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Id of the image it runs (<c>sha256:...</c>).</summary>
    public string Image { get; init; } = string.Empty;

    /// <summary>When it was created.</summary>
    [JsonConverter(typeof(DockerTimestampConverter))]
    public DateTimeOffset? Created { get; init; }

    /// <summary>How many times the engine restarted it.</summary>
    public int RestartCount { get; init; }

    /// <summary>Run state.</summary>
    public ContainerState State { get; init; } = new();

    /// <summary>Configuration, including labels.</summary>
    public ContainerConfig Config { get; init; } = new();

    /// <summary>Host-side settings, including limits.</summary>
    public HostConfig HostConfig { get; init; } = new();
}
