using System.Text.Json.Serialization;
using MiniPaas.Docker.Serialization;

namespace MiniPaas.Docker;

/// <summary>The engine's answer to <c>GET /images/{name}/json</c>, reduced to what MiniPaas uses.</summary>
public sealed class ImageInspect
{
    /// <summary>Image id (<c>sha256:...</c>).</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Tags pointing at it, e.g. <c>repo:tag</c>.</summary>
    public IReadOnlyList<string>? RepoTags { get; init; }

    /// <summary>Registry digests it was pulled or pushed by, e.g. <c>repo@sha256:...</c>.</summary>
    public IReadOnlyList<string>? RepoDigests { get; init; }

    /// <summary>When it was built.</summary>
    [JsonConverter(typeof(DockerTimestampConverter))]
    public DateTimeOffset? Created { get; init; }

    /// <summary>Size in bytes.</summary>
    public long Size { get; init; }

    /// <summary>CPU architecture, e.g. <c>amd64</c>.</summary>
    public string? Architecture { get; init; }

    /// <summary>Operating system, e.g. <c>linux</c>.</summary>
    public string? Os { get; init; }

    /// <summary>Default configuration of containers made from it.</summary>
    public ContainerConfig? Config { get; init; }
}
