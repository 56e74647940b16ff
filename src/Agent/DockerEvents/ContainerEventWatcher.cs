using MiniPaas.Agent.Diagnostics;
using MiniPaas.Agent.Hosting;
using MiniPaas.Agent.Instances;
using MiniPaas.Agent.Registration;
using MiniPaas.Docker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniPaas.Agent.DockerEvents;

/// <summary>
/// Follows the engine's <c>die</c> and <c>oom</c> events for this node's containers so a crash is
/// reported the moment it happens, with its exit code, instead of at the next health probe. After
/// a broken event stream it resubscribes from the last event seen, so a death in between is
/// replayed rather than missed.
/// </summary>
internal sealed class ContainerEventWatcher : BackgroundService
{
    private readonly DockerClient _docker;
    private readonly InstanceSupervisor _supervisor;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ContainerEventWatcher> _logger;

    public ContainerEventWatcher(DockerClient docker, InstanceSupervisor supervisor, IOptions<AgentOptions> options, TimeProvider time, ILogger<ContainerEventWatcher> logger)
    {
        _docker = docker;
        _supervisor = supervisor;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var since = _time.GetUtcNow();
        var backoff = new ReconnectBackoff(_options.ReconnectMaxDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var filter = new EventsFilter
                {
                    Types = ["container"],
                    Events = ["die", "oom"],
                    Labels = _options.OwnershipLabels(),
                    Since = since,
                };

                AgentLog.WatchingDockerEvents(_logger, _options.NodeId);
                await foreach (var dockerEvent in _docker.WatchEventsAsync(filter, stoppingToken))
                {
                    backoff.Reset();
                    if (dockerEvent.TimeNano > 0)
                    {
                        since = dockerEvent.Timestamp;
                    }

                    await HandleAsync(dockerEvent, stoppingToken);
                }

                AgentLog.DockerEventStreamEnded(_logger);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DockerUnavailableException or DockerApiException or IOException or HttpRequestException)
            {
                AgentLog.DockerEventStreamFailed(_logger, ex.Message);
            }

            try
            {
                await Task.Delay(backoff.Next(), _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task HandleAsync(DockerEvent dockerEvent, CancellationToken cancellationToken)
    {
        switch (dockerEvent.Action)
        {
            case "oom":
                _supervisor.OnContainerOutOfMemory(dockerEvent.Actor.Id);
                break;
            case "die":
                _supervisor.OnContainerDied(dockerEvent.Actor.Id, dockerEvent.ExitCode ?? -1, await WasOomKilledAsync(dockerEvent.Actor.Id, cancellationToken));
                break;
        }
    }

    /// <summary>
    /// The engine's <c>oom</c> event usually comes just before <c>die</c>, but not always; the
    /// container's own record says for sure. A container already removed (stopped on purpose) says nothing.
    /// </summary>
    private async Task<bool> WasOomKilledAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            return (await _docker.InspectContainerAsync(containerId, cancellationToken))?.State.OomKilled == true;
        }
        catch (Exception ex) when (ex is DockerUnavailableException or DockerApiException or IOException or HttpRequestException)
        {
            return false;
        }
    }
}
