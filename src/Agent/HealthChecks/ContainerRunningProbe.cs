using MiniPaas.Docker;

namespace MiniPaas.Agent.HealthChecks;

/// <summary>Healthy while the engine says the container's process runs.</summary>
internal sealed class ContainerRunningProbe(DockerClient docker, string containerId) : IHealthProbe
{
    public async Task<HealthProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var container = await docker.InspectContainerAsync(containerId, cancellationToken);
            if (container is null)
            {
                return HealthProbeResult.Fail($"container {ShortId(containerId)} no longer exists");
            }

            return container.State.Running
                ? HealthProbeResult.Pass()
                : HealthProbeResult.Fail($"container {ShortId(containerId)} is {container.State.Status} (exit code {container.State.ExitCode})");
        }
        catch (DockerUnavailableException ex)
        {
            return HealthProbeResult.Fail(ex.Message);
        }
        catch (DockerApiException ex)
        {
            return HealthProbeResult.Fail($"inspecting container {ShortId(containerId)}: {ex.Message}");
        }
    }

    private static string ShortId(string id) => id.Length > 12 ? id[..12] : id;
}
