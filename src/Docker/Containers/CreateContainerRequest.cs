using System.Text.Json.Serialization;

namespace MiniPaas.Docker;

/// <summary>What <see cref="DockerClient.CreateContainerAsync"/> sends to <c>POST /containers/create</c>.</summary>
public sealed class CreateContainerRequest
{
    /// <summary>Container name (sent as the <c>name</c> query parameter). Default: null, the engine picks one.</summary>
    [JsonIgnore]
    public string? Name { get; set; }

    /// <summary>Image reference or id to run. Required.</summary>
    public string Image { get; set; } = string.Empty;

    /// <summary>Command; null keeps the image's <c>CMD</c>.</summary>
    public IList<string>? Cmd { get; set; }

    /// <summary>Entrypoint; null keeps the image's <c>ENTRYPOINT</c>.</summary>
    public IList<string>? Entrypoint { get; set; }

    /// <summary>Environment as <c>NAME=value</c> entries.</summary>
    public IList<string>? Env { get; set; }

    /// <summary>Labels; MiniPaas identifies its containers by these.</summary>
    public IDictionary<string, string>? Labels { get; set; }

    /// <summary>Working directory; null keeps the image's.</summary>
    public string? WorkingDir { get; set; }

    /// <summary>User (name or uid[:gid]); null keeps the image's.</summary>
    public string? User { get; set; }

    /// <summary>Host-side settings. Default: host networking, no limits.</summary>
    public HostConfig HostConfig { get; set; } = new();
}
