using MiniPaas.Agent.Diagnostics;
using MiniPaas.Agent.Registration;
using MiniPaas.Docker;
using Microsoft.Extensions.Logging;

namespace MiniPaas.Agent.Instances;

/// <summary>
/// Makes sure an instance's image is present before its container is created. Images are pinned
/// by digest, so one that is already present is never pulled again. Credentials from the
/// registration go only to the registry they were issued for.
/// </summary>
internal sealed class ImagePuller(DockerClient docker, SchedulerSession session, ILogger<ImagePuller> logger)
{
    public async Task EnsurePresentAsync(string image, CancellationToken cancellationToken)
    {
        if (await docker.InspectImageAsync(image, cancellationToken) is not null)
        {
            return;
        }

        var registryHost = ImageReference.RegistryHost(image)
            ?? throw new InvalidOperationException($"image '{image}' is not present on this node and names no registry to pull it from");

        string? auth = null;
        if (session.Registry is { } registry && string.Equals(registry.Address, registryHost, StringComparison.OrdinalIgnoreCase))
        {
            auth = DockerClient.EncodeRegistryAuth(RegistryCredentials.UserName, registry.Token, registry.Address);
        }

        var started = TimeProvider.System.GetTimestamp();
        AgentLog.PullingImage(logger, image, auth is not null);
        try
        {
            await docker.PullImageAsync(image, progress: null, registryAuth: auth, cancellationToken);
        }
        catch (DockerApiException ex)
        {
            throw new InvalidOperationException($"pulling image '{image}' failed: {ex.Message}", ex);
        }

        AgentLog.PulledImage(logger, image, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }
}
