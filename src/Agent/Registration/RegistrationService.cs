using System.Runtime.ExceptionServices;
using MiniPaas.Agent.Assignments;
using MiniPaas.Agent.Diagnostics;
using MiniPaas.Agent.Hosting;
using MiniPaas.Agent.Instances;
using MiniPaas.Contracts.V1;
using MiniPaas.Docker;
using MiniPaas.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniPaas.Agent.Registration;

/// <summary>
/// The agent's life with the scheduler. At start it adopts the containers a previous run left, then
/// loops: register (listing what already runs), then heartbeat and follow the assignment stream
/// until the scheduler asks to re-register or either breaks, then register again after an
/// exponential, capped delay. Instances keep running untouched while the scheduler is away.
/// On shutdown (SIGTERM) it stops heartbeating and leaves every container running, so an agent
/// upgrade does not take apps down; the next agent adopts them.
/// </summary>
internal sealed class RegistrationService : BackgroundService
{
    /// <summary>A live assignment stream shows the scheduler is there; a few lost heartbeats are tolerated before re-registering.</summary>
    private const int HeartbeatFailuresBeforeReregister = 3;

    private readonly NodeControlClient _client;
    private readonly SchedulerSession _session;
    private readonly InstanceSupervisor _supervisor;
    private readonly AssignmentStreamConsumer _assignments;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RegistrationService> _logger;

    public RegistrationService(
        NodeControlClient client,
        SchedulerSession session,
        InstanceSupervisor supervisor,
        AssignmentStreamConsumer assignments,
        IOptions<AgentOptions> options,
        TimeProvider time,
        ILogger<RegistrationService> logger)
    {
        _client = client;
        _session = session;
        _supervisor = supervisor;
        _assignments = assignments;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The session stays "registered": the scheduler still knows the node, and the reporter,
        // which stops after this service, flushes the last reports into it.
        await base.StopAsync(cancellationToken);
        await _supervisor.ShutdownAsync();
        AgentLog.AgentStopped(_logger, _options.NodeId, _supervisor.RunningInstances().Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AgentLog.AgentStarting(_logger, _options.NodeId, _options.AdvertiseAddress, _options.PortRangeStart, _options.PortRangeEnd, _options.SchedulerAddress);
        try
        {
            await AdoptExistingContainersAsync(stoppingToken);
            await RegistrationLoopAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task AdoptExistingContainersAsync(CancellationToken stoppingToken)
    {
        // Registering before knowing what runs would make the scheduler start everything twice,
        // so the agent waits for the engine.
        var backoff = new ReconnectBackoff(_options.ReconnectMaxDelay);
        while (true)
        {
            try
            {
                await _supervisor.AdoptExistingContainersAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is DockerUnavailableException or DockerApiException or IOException or HttpRequestException)
            {
                var delay = backoff.Next();
                AgentLog.DockerUnavailableAtStartup(_logger, ex.Message, delay.TotalMilliseconds);
                await Task.Delay(delay, _time, stoppingToken);
            }
        }
    }

    private async Task RegistrationLoopAsync(CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectMaxDelay);
        while (!stoppingToken.IsCancellationRequested)
        {
            var attemptStarted = _time.GetTimestamp();
            string reason;
            try
            {
                var request = BuildRegisterRequest();
                AgentLog.Registering(_logger, _options.NodeId, _options.SchedulerAddress, request.Running.Count);
                var reply = await _client.RegisterAsync(request, stoppingToken);
                _session.OnRegistered(reply);
                AgentLog.Registered(_logger, _options.NodeId, reply.HeartbeatIntervalMillis, reply.RegistryAddress);
                reason = await RunSessionAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException ex)
            {
                reason = $"registration failed: {ex.StatusCode}: {ex.Detail}";
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                reason = $"registration failed: {ex.Message}";
            }

            _session.OnDisconnected();

            // A session that lasted resets the backoff, so a single blip reconnects at once while a
            // scheduler that keeps failing is retried ever less often, up to the cap.
            if (_time.GetElapsedTime(attemptStarted) > _options.ReconnectMaxDelay)
            {
                backoff.Reset();
            }

            var delay = backoff.Next();
            AgentLog.SessionEnded(_logger, reason, delay.TotalMilliseconds);
            await Task.Delay(delay, _time, stoppingToken);
        }
    }

    /// <summary>Heartbeats and follows the assignment stream until one of them ends; returns why.</summary>
    private async Task<string> RunSessionAsync(CancellationToken stoppingToken)
    {
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = HeartbeatLoopAsync(session.Token);
        var assignments = _assignments.ConsumeAsync(session.Token);
        var finished = await Task.WhenAny(heartbeat, assignments);
        await session.CancelAsync();

        try
        {
            await Task.WhenAll(heartbeat, assignments);
        }
        catch
        {
            // Inspected below, per task.
        }

        stoppingToken.ThrowIfCancellationRequested();
        if (finished == heartbeat)
        {
            return heartbeat.IsFaulted
                ? "heartbeat failed: " + Describe(heartbeat.Exception)
                : "the scheduler asked the node to register again";
        }

        return assignments.IsFaulted
            ? "assignment stream failed: " + Describe(assignments.Exception)
            : "the scheduler closed the assignment stream";
    }

    /// <summary>Returns normally when the scheduler answers <c>reregister</c>; throws after repeated failures.</summary>
    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        var consecutiveFailures = 0;
        while (true)
        {
            await Task.Delay(_session.HeartbeatInterval ?? _options.HeartbeatInterval, _time, cancellationToken);
            try
            {
                var reply = await _client.HeartbeatAsync(new HeartbeatRequest { NodeId = _options.NodeId, Used = _supervisor.UsedResources() }, cancellationToken);
                consecutiveFailures = 0;
                if (reply.Reregister)
                {
                    return;
                }
            }
            catch (Exception ex) when ((ex is RpcException or HttpRequestException or IOException) && !cancellationToken.IsCancellationRequested)
            {
                consecutiveFailures++;
                AgentLog.HeartbeatFailed(_logger, ex.Message, consecutiveFailures);
                if (consecutiveFailures >= HeartbeatFailuresBeforeReregister)
                {
                    ExceptionDispatchInfo.Capture(ex).Throw();
                }
            }
        }
    }

    private RegisterRequest BuildRegisterRequest()
    {
        var request = new RegisterRequest
        {
            NodeId = _options.NodeId,
            Address = _options.AdvertiseAddress,
            Capacity = new Resources { MemoryMb = _options.MemoryMb, DiskMb = _options.DiskMb, Instances = _options.MaxInstances },
            PortRangeStart = _options.PortRangeStart,
            PortRangeEnd = _options.PortRangeEnd,
        };
        request.Labels.Add(_options.Labels);
        request.Running.AddRange(_supervisor.RunningInstances());
        return request;
    }

    private static string Describe(AggregateException? exception) => exception?.InnerException switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Detail}",
        { } inner => inner.Message,
        null => "unknown error",
    };
}
