using System.Text.Json.Serialization;

namespace MiniPaas.Docker;

/// <summary>The engine's answer to <c>GET /version</c>.</summary>
public sealed class DockerVersion
{
    /// <summary>Engine version, e.g. <c>20.10.24+dfsg1</c>.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Highest API version the engine speaks, e.g. <c>1.41</c>.</summary>
    public string ApiVersion { get; init; } = string.Empty;

    /// <summary>Lowest API version the engine still accepts.</summary>
    [JsonPropertyName("MinAPIVersion")]
    public string MinApiVersion { get; init; } = string.Empty;

    /// <summary>Commit the engine was built from.</summary>
    public string GitCommit { get; init; } = string.Empty;

    /// <summary>Go toolchain the engine was built with.</summary>
    public string GoVersion { get; init; } = string.Empty;

    /// <summary>Operating system, e.g. <c>linux</c>.</summary>
    public string Os { get; init; } = string.Empty;

    /// <summary>CPU architecture, e.g. <c>amd64</c>.</summary>
    public string Arch { get; init; } = string.Empty;

    /// <summary>Kernel the engine runs on.</summary>
    public string KernelVersion { get; init; } = string.Empty;
}
