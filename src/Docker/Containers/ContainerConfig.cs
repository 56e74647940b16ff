using System.Text.Json.Serialization;

namespace MiniPaas.Docker;

/// <summary>
/// The configuration part of a container or image inspection (<c>Config</c>): what runs and how.
/// </summary>
public sealed class ContainerConfig
{
    /// <summary>Image the container was created from (as requested, not the id).</summary>
    public string? Image { get; init; }

    /// <summary>Command arguments.</summary>
    public IReadOnlyList<string>? Cmd { get; init; }

    /// <summary>Entrypoint.</summary>
    public IReadOnlyList<string>? Entrypoint { get; init; }

    /// <summary>Environment as <c>NAME=value</c> entries.</summary>
    public IReadOnlyList<string>? Env { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Working directory.</summary>
    public string? WorkingDir { get; init; }

    /// <summary>User (name or uid[:gid]).</summary>
    public string? User { get; init; }

    /// <summary>Whether a TTY is attached (then logs are not multiplexed, see <see cref="DockerClient.ReadLogsAsync"/>).</summary>
    public bool Tty { get; init; }

    /// <summary>Host name inside the container.</summary>
    public string? Hostname { get; init; }

    /// <summary>Signal used to stop the container, when the image or request set one.</summary>
    [JsonPropertyName("StopSignal")]
    public string? StopSignal { get; init; }
}
