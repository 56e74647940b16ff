using System.Text.RegularExpressions;

namespace MiniPaas.Docker;

/// <summary>
/// How <see cref="DockerClient"/> reaches the engine.
/// </summary>
public sealed partial class DockerClientOptions
{
    /// <summary>The engine's unix socket. Default: <c>/var/run/docker.sock</c>.</summary>
    public string SocketPath { get; set; } = "/var/run/docker.sock";

    /// <summary>
    /// The API version prefix put in front of every path. Default: <c>v1.41</c> (Docker 20.10), the
    /// version whose payloads this client's types describe.
    /// </summary>
    public string ApiVersion { get; set; } = "v1.41";

    /// <summary>
    /// Upper bound for one request/response exchange. Default: 100 seconds. It does not apply to
    /// streaming calls (logs, events, pull, load, import) nor to waiting for a container to exit,
    /// which are bounded only by the caller's <see cref="CancellationToken"/>. Stopping a container
    /// adds the stop grace period to it.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The clock used for request timeouts. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(SocketPath))
        {
            throw new ArgumentException("DockerClientOptions.SocketPath must name the engine's unix socket, e.g. /var/run/docker.sock.", nameof(SocketPath));
        }

        if (ApiVersion is null || !ApiVersionPattern().IsMatch(ApiVersion))
        {
            throw new ArgumentException($"DockerClientOptions.ApiVersion '{ApiVersion}' is not of the form v1.41.", nameof(ApiVersion));
        }

        if (RequestTimeout <= TimeSpan.Zero && RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"DockerClientOptions.RequestTimeout must be positive (or infinite), was {RequestTimeout}.", nameof(RequestTimeout));
        }

        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }

    [GeneratedRegex(@"^v\d+\.\d+$")]
    private static partial Regex ApiVersionPattern();
}
