using System.Globalization;
using System.Net;
using Google.Protobuf.WellKnownTypes;
using MiniPaas.Agent.Diagnostics;
using MiniPaas.Agent.HealthChecks;
using MiniPaas.Agent.Hosting;
using MiniPaas.Agent.LogShipping;
using MiniPaas.Agent.Ports;
using MiniPaas.Agent.Reports;
using MiniPaas.Contracts.V1;
using MiniPaas.Docker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniPaas.Agent.Instances;

/// <summary>
/// Keeps the node's containers in line with the scheduler's desired assignments: starts missing
/// instances, stops and removes unassigned ones (graceful stop, then kill after StopTimeout),
/// restarts an instance whose restart generation went up, and turns what it sees (health checks,
/// container deaths) into STARTING / RUNNING / CRASHED / STOPPED reports. It never restarts a
/// crashed instance on its own: the scheduler decides, by bumping the restart generation.
/// </summary>
internal sealed class InstanceSupervisor : IAsyncDisposable
{
    private static readonly TimeSpan RemovalRetryDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(5);

    private readonly AgentOptions _options;
    private readonly IPAddress _advertiseAddress;
    private readonly DockerClient _docker;
    private readonly PortAllocator _ports;
    private readonly ImagePuller _puller;
    private readonly InstanceReporter _reporter;
    private readonly HealthProbeFactory _probes;
    private readonly HealthMonitor _monitor;
    private readonly InstanceLogShipping _logShipping;
    private readonly TimeProvider _time;
    private readonly ILogger<InstanceSupervisor> _logger;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ManagedInstance> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stoppedOnPurpose = new(StringComparer.Ordinal);
    private readonly HashSet<string> _oomKilled = new(StringComparer.Ordinal);
    private readonly List<Task> _healthTasks = [];
    private readonly CancellationTokenSource _lifetime = new();
    private long _appliedGeneration = -1;
    private bool _shutDown;

    public InstanceSupervisor(
        IOptions<AgentOptions> options,
        DockerClient docker,
        PortAllocator ports,
        ImagePuller puller,
        InstanceReporter reporter,
        HealthProbeFactory probes,
        TimeProvider time,
        ILogger<InstanceSupervisor> logger,
        InstanceLogShipping logShipping)
    {
        _options = options.Value;
        _advertiseAddress = IPAddress.Parse(_options.AdvertiseAddress);
        _docker = docker;
        _ports = ports;
        _puller = puller;
        _reporter = reporter;
        _probes = probes;
        _monitor = new HealthMonitor(time);
        _logShipping = logShipping;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Takes over the containers a previous run of this agent left (found by the node label): running
    /// ones are kept as they are, with their ports reserved; ones that exited meanwhile are reported
    /// CRASHED with their exit code. Called once, before the first registration.
    /// </summary>
    public async Task AdoptExistingContainersAsync(CancellationToken cancellationToken)
    {
        var containers = await _docker.ListContainersAsync(
            all: true,
            _options.OwnershipLabels(),
            cancellationToken);

        var duplicates = new List<string>();

        // Running ones first: if an instance somehow has two containers, the running one is kept.
        foreach (var container in containers.OrderByDescending(c => c.State == "running"))
        {
            var labels = container.Labels ?? new Dictionary<string, string>();
            if (!labels.TryGetValue(InstanceLabels.Instance, out var instanceId) || string.IsNullOrEmpty(instanceId))
            {
                AgentLog.ContainerWithoutInstanceLabel(_logger, container.Id);
                continue;
            }

            lock (_gate)
            {
                if (_instances.ContainsKey(instanceId))
                {
                    duplicates.Add(container.Id);
                    continue;
                }
            }

            // The inspection's Config.Image is the reference exactly as the agent created the
            // container with, which is what the scheduler's assignment will name.
            var inspected = await _docker.InspectContainerAsync(container.Id, cancellationToken);
            if (inspected is null)
            {
                continue;
            }

            var instance = new ManagedInstance(
                instanceId,
                labels.GetValueOrDefault(InstanceLabels.App, string.Empty),
                LabelNumber(labels, InstanceLabels.Index),
                LabelNumber(labels, InstanceLabels.Release),
                inspected.Config.Image ?? container.Image,
                LabelNumber(labels, InstanceLabels.RestartGeneration))
            {
                Port = LabelNumber(labels, InstanceLabels.Port),
                ContainerId = container.Id,
            };
            instance.Incarnation = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);

            if (!_ports.TryReserveExisting(instanceId, instance.Port))
            {
                AgentLog.AdoptedPortNotReserved(_logger, instanceId, instance.Port);
            }

            if (inspected.State.Running)
            {
                lock (_gate)
                {
                    _instances[instanceId] = instance;
                    instance.State = InstanceState.Running;
                    instance.Since = _time.GetUtcNow();
                    instance.Message = "adopted after an agent restart";
                }

                AgentLog.AdoptedContainer(_logger, instanceId, instance.App, instance.Index, container.Id, instance.Port);

                // The previous agent shipped what the container wrote before now.
                _logShipping.FollowContainer(container.Id, instance.App, instance.Index, _time.GetUtcNow());
            }
            else
            {
                var exitCode = inspected.State.ExitCode;
                var message = inspected.State.OomKilled
                    ? "killed for running out of memory while the agent was not running"
                    : string.Create(CultureInfo.InvariantCulture, $"exited with code {exitCode} while the agent was not running");
                lock (_gate)
                {
                    _instances[instanceId] = instance;
                    Transition(instance, InstanceState.Crashed, exitCode, message);
                }

                AgentLog.AdoptedExitedContainer(_logger, instanceId, container.Id, exitCode);
            }
        }

        foreach (var containerId in duplicates)
        {
            AgentLog.RemovingDuplicateContainer(_logger, containerId);
            await RemoveContainerQuietlyAsync(containerId, cancellationToken);
        }
    }

    /// <summary>The instances the agent runs, as the registration's <c>running</c> list.</summary>
    public IReadOnlyList<InstanceReport> RunningInstances()
    {
        lock (_gate)
        {
            return _instances.Values
                .Where(instance => !instance.BeingRemoved && instance.State is InstanceState.Starting or InstanceState.Running)
                .Select(ToReport)
                .ToList();
        }
    }

    /// <summary>What the node's instances take of its capacity, for heartbeats.</summary>
    public Resources UsedResources()
    {
        lock (_gate)
        {
            var active = _instances.Values.Where(instance => !instance.BeingRemoved).ToList();
            return new Resources
            {
                MemoryMb = active.Sum(instance => instance.Assignment?.MemoryMb ?? 0),
                DiskMb = active.Sum(instance => instance.Assignment?.DiskMb ?? 0),
                Instances = active.Count,
            };
        }
    }

    /// <summary>
    /// Applies the node's complete desired set. A set older than the last one applied on the same
    /// stream is ignored (<paramref name="firstOnStream"/> lifts that, because a restarted scheduler
    /// may number its sets afresh).
    /// </summary>
    public void ApplyDesired(AssignmentSet desired, bool firstOnStream)
    {
        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }

            if (!firstOnStream && desired.Generation < _appliedGeneration)
            {
                AgentLog.StaleAssignmentSet(_logger, desired.Generation, _appliedGeneration);
                return;
            }

            _appliedGeneration = desired.Generation;
            var plan = ReconciliationPlanner.Plan(desired.Assignments, _instances.Values.Select(instance => instance.Snapshot()).ToList());
            AgentLog.AssignmentSetApplied(_logger, desired.Generation, desired.Assignments.Count, plan.ToStart.Count, plan.ToStop.Count, plan.ToRestart.Count);

            foreach (var reason in plan.Rejected)
            {
                AgentLog.AssignmentRejected(_logger, reason);
            }

            foreach (var assignment in plan.ToStart)
            {
                var instance = new ManagedInstance(assignment.InstanceId, assignment.App, assignment.Index, assignment.ReleaseVersion, assignment.Image, assignment.RestartGeneration)
                {
                    Assignment = assignment,
                    Since = _time.GetUtcNow(),
                    KillGeneration = assignment.KillGeneration,
                };
                _instances[assignment.InstanceId] = instance;
                var incarnation = instance.RenewIncarnation(_lifetime.Token);
                instance.Enqueue(() => StartAsync(instance, incarnation));
            }

            foreach (var instanceId in plan.ToStop)
            {
                var instance = _instances[instanceId];
                instance.BeingRemoved = true;
                instance.RenewIncarnation(_lifetime.Token);
                instance.Enqueue(() => StopAndRemoveAsync(instance));
            }

            foreach (var assignment in plan.ToRestart)
            {
                var instance = _instances[assignment.InstanceId];
                instance.BeingRemoved = false;
                Assign(instance, assignment);
                instance.KillGeneration = assignment.KillGeneration;
                var incarnation = instance.RenewIncarnation(_lifetime.Token);
                instance.Enqueue(() => RestartAsync(instance, incarnation));
            }

            foreach (var assignment in plan.ToKeep)
            {
                var instance = _instances[assignment.InstanceId];
                var adoptedWithoutAssignment = instance.Assignment is null;
                var kill = InstanceKillPolicy.ShouldKill(instance.KillGeneration, assignment.KillGeneration);
                instance.KillGeneration = assignment.KillGeneration;
                Assign(instance, assignment);
                if (kill && instance.ContainerId is { } killedContainer)
                {
                    instance.Enqueue(() => KillOnRequestAsync(instance, killedContainer));
                }

                if (adoptedWithoutAssignment && instance is { State: InstanceState.Running, ContainerId: not null, Monitored: false })
                {
                    // An adopted container passed its startup check in the agent's previous life:
                    // from now on it only gets liveness checks.
                    TryStartHealthMonitor(instance, instance.ContainerId, alreadyRunning: true, instance.Incarnation.Token);
                }
            }
        }
    }

    /// <summary>The engine saw a container of this node die. Reports CRASHED unless the agent stopped it on purpose.</summary>
    public void OnContainerDied(string containerId, int exitCode, bool oomKilled)
    {
        lock (_gate)
        {
            oomKilled |= _oomKilled.Remove(containerId);
            if (_stoppedOnPurpose.Contains(containerId))
            {
                return;
            }

            var instance = _instances.Values.FirstOrDefault(candidate => candidate.ContainerId == containerId);
            if (instance is null || instance.BeingRemoved || instance.State is not (InstanceState.Starting or InstanceState.Running))
            {
                return;
            }

            instance.Incarnation.Cancel();
            instance.Monitored = false;
            var memory = instance.Assignment?.MemoryMb ?? 0;
            var message = oomKilled
                ? string.Create(CultureInfo.InvariantCulture, $"out of memory: killed by the kernel at its {memory} MB limit (exit code {exitCode})")
                : string.Create(CultureInfo.InvariantCulture, $"exited with code {exitCode}");
            Transition(instance, InstanceState.Crashed, exitCode, message);
            AgentLog.ContainerDied(_logger, instance.InstanceId, containerId, exitCode, oomKilled);
        }
    }

    /// <summary>The engine's OOM killer hit a container; the <c>die</c> that follows is reported as out of memory.</summary>
    public void OnContainerOutOfMemory(string containerId)
    {
        lock (_gate)
        {
            _oomKilled.Add(containerId);
        }
    }

    /// <summary>
    /// Stops every background activity and waits briefly for it. Containers keep running: an agent
    /// restart (an upgrade, a crash) must not take the apps down; the next agent adopts them.
    /// </summary>
    public async Task ShutdownAsync()
    {
        List<Task> pending;
        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }

            _shutDown = true;
            _lifetime.Cancel();
            pending = _instances.Values.Select(instance => instance.Tail).Concat(_healthTasks).ToList();
        }

        try
        {
            await Task.WhenAll(pending).WaitAsync(ShutdownWait);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            AgentLog.ShutdownWaitExpired(_logger, ShutdownWait.TotalSeconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync();
        _lifetime.Dispose();
    }

    private async Task StartAsync(ManagedInstance instance, CancellationToken incarnation)
    {
        Assignment assignment;
        lock (_gate)
        {
            if (incarnation.IsCancellationRequested || instance.Assignment is null)
            {
                return;
            }

            assignment = instance.Assignment;
        }

        try
        {
            var policy = HealthCheckPolicy.From(assignment.HealthCheck);
            var port = _ports.TryReserve(instance.InstanceId)
                ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"no free port left in {_ports.RangeStart}-{_ports.RangeEnd}"));
            var spec = ContainerSpecFactory.Build(assignment, _options.NodeId, _advertiseAddress, port, _options.ContainerLabels);
            lock (_gate)
            {
                instance.Port = port;
                Transition(instance, InstanceState.Starting, 0, string.Empty);
            }

            await _puller.EnsurePresentAsync(assignment.Image, incarnation);
            await RemoveInstanceContainersAsync(instance, incarnation);
            var containerId = await CreateContainerAsync(spec, instance.InstanceId, incarnation);
            lock (_gate)
            {
                instance.ContainerId = containerId;
            }

            await _docker.StartContainerAsync(containerId, incarnation);
            AgentLog.ContainerStarted(_logger, instance.InstanceId, assignment.App, assignment.Index, containerId, port);
            _logShipping.ContainerStarted(assignment.App, assignment.Index, containerId, port);
            _logShipping.FollowContainer(containerId, assignment.App, assignment.Index, since: null);
            lock (_gate)
            {
                if (instance.ContainerId == containerId && instance.State == InstanceState.Starting)
                {
                    TryStartHealthMonitor(instance, containerId, alreadyRunning: false, incarnation, policy);
                }
            }
        }
        catch (OperationCanceledException) when (incarnation.IsCancellationRequested)
        {
            // Overtaken by a stop, a restart or the agent's shutdown; whoever cancelled cleans up.
        }
        catch (Exception ex)
        {
            AgentLog.StartFailed(_logger, instance.InstanceId, assignment.App, ex);
            lock (_gate)
            {
                if (!incarnation.IsCancellationRequested)
                {
                    Transition(instance, InstanceState.Crashed, 0, "failed to start: " + ex.Message);
                }
            }
        }
    }

    private async Task RestartAsync(ManagedInstance instance, CancellationToken incarnation)
    {
        try
        {
            AgentLog.RestartingInstance(_logger, instance.InstanceId, instance.RestartGeneration);
            await RemoveInstanceContainersAsync(instance, incarnation);
            lock (_gate)
            {
                instance.ContainerId = null;
            }
        }
        catch (OperationCanceledException) when (incarnation.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            AgentLog.StopFailed(_logger, instance.InstanceId, ex);
            lock (_gate)
            {
                if (!incarnation.IsCancellationRequested)
                {
                    Transition(instance, InstanceState.Crashed, 0, "failed to stop the previous container for a restart: " + ex.Message);
                }
            }

            return;
        }

        await StartAsync(instance, incarnation);
    }

    // SIGKILL, not stop: the point is to show an unplanned crash and its recovery. The engine's
    // die event then takes the ordinary path (CRASHED report, restart by the scheduler).
    private async Task KillOnRequestAsync(ManagedInstance instance, string containerId)
    {
        AgentLog.KillRequested(_logger, instance.InstanceId, containerId, instance.KillGeneration ?? 0);
        try
        {
            await _docker.KillContainerAsync(containerId, "SIGKILL", _lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            AgentLog.KillFailed(_logger, instance.InstanceId, containerId, ex);
        }
    }

    private async Task StopAndRemoveAsync(ManagedInstance instance)
    {
        try
        {
            await RemoveInstanceContainersAsync(instance, _lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // The container may still run: keep the instance (and its port) and try again, rather
            // than report STOPPED for something that is not.
            AgentLog.StopFailed(_logger, instance.InstanceId, ex);
            lock (_gate)
            {
                if (instance.BeingRemoved && !_shutDown)
                {
                    instance.Enqueue(async () =>
                    {
                        try
                        {
                            await Task.Delay(RemovalRetryDelay, _time, _lifetime.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            return;
                        }

                        await StopAndRemoveAsync(instance);
                    });
                }
            }

            return;
        }

        lock (_gate)
        {
            instance.ContainerId = null;
            if (!instance.BeingRemoved)
            {
                // Assigned again while the removal ran: the start queued behind this brings it back.
                return;
            }

            if (_instances.TryGetValue(instance.InstanceId, out var current) && ReferenceEquals(current, instance))
            {
                _instances.Remove(instance.InstanceId);
            }

            _ports.Release(instance.InstanceId);
            Transition(instance, InstanceState.Stopped, 0, "stopped: no longer assigned to this node");
        }

        AgentLog.InstanceRemoved(_logger, instance.InstanceId, instance.App, instance.Index);
    }

    /// <summary>
    /// Stops (gracefully, SIGKILL after StopTimeout) and removes every container of the instance,
    /// found by label so one whose creation was interrupted is not left behind.
    /// </summary>
    private async Task RemoveInstanceContainersAsync(ManagedInstance instance, CancellationToken cancellationToken)
    {
        var containers = await _docker.ListContainersAsync(
            all: true,
            new Dictionary<string, string?>(_options.OwnershipLabels()) { [InstanceLabels.Instance] = instance.InstanceId },
            cancellationToken);

        foreach (var container in containers)
        {
            lock (_gate)
            {
                _stoppedOnPurpose.Add(container.Id);
            }

            try
            {
                if (container.State is "running" or "restarting" or "paused")
                {
                    await _docker.StopContainerAsync(container.Id, _options.StopTimeout, cancellationToken);
                }

                await _docker.RemoveContainerAsync(container.Id, force: true, cancellationToken);
                AgentLog.ContainerRemoved(_logger, instance.InstanceId, container.Id);
            }
            catch (DockerNotFoundException)
            {
                // Already gone: that is what was wanted.
            }
            finally
            {
                lock (_gate)
                {
                    _stoppedOnPurpose.Remove(container.Id);
                    _oomKilled.Remove(container.Id);
                    if (instance.ContainerId == container.Id)
                    {
                        instance.ContainerId = null;
                    }
                }
            }
        }
    }

    private async Task<string> CreateContainerAsync(CreateContainerRequest spec, string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            return await _docker.CreateContainerAsync(spec, cancellationToken);
        }
        catch (DockerConflictException ex) when (spec.Name is not null)
        {
            // Only a leftover of this very instance may be cleared out of the way; a container of
            // that name belonging to anything else is not the agent's to remove.
            var existing = await _docker.InspectContainerAsync(spec.Name, cancellationToken);
            var owner = existing?.Config.Labels?.GetValueOrDefault(InstanceLabels.Instance);
            if (existing is not null && owner != instanceId)
            {
                throw new InvalidOperationException($"container name '{spec.Name}' is taken by container {existing.Id[..12]} (instance '{owner ?? "none"}'): {ex.Message}", ex);
            }

            await RemoveContainerQuietlyAsync(spec.Name, cancellationToken);
            return await _docker.CreateContainerAsync(spec, cancellationToken);
        }
    }

    private async Task RemoveContainerQuietlyAsync(string containerIdOrName, CancellationToken cancellationToken)
    {
        try
        {
            await _docker.RemoveContainerAsync(containerIdOrName, force: true, cancellationToken);
        }
        catch (DockerNotFoundException)
        {
        }
    }

    private async Task StopFailedContainerAsync(ManagedInstance instance, string containerId)
    {
        try
        {
            await _docker.StopContainerAsync(containerId, _options.StopTimeout, _lifetime.Token);
        }
        catch (DockerNotFoundException)
        {
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            AgentLog.StopFailed(_logger, instance.InstanceId, ex);
        }
    }

    /// <summary>Must be called under the lock.</summary>
    private void TryStartHealthMonitor(ManagedInstance instance, string containerId, bool alreadyRunning, CancellationToken incarnation, HealthCheckPolicy? policy = null)
    {
        try
        {
            policy ??= HealthCheckPolicy.From(instance.Assignment?.HealthCheck);
        }
        catch (ArgumentException ex)
        {
            Transition(instance, InstanceState.Crashed, 0, ex.Message);
            return;
        }

        var machine = new HealthStateMachine(policy, _time, alreadyRunning);
        var probe = _probes.Create(policy, _advertiseAddress, instance.Port, containerId);
        instance.Monitored = true;
        _healthTasks.RemoveAll(task => task.IsCompleted);
        _healthTasks.Add(Task.Run(async () =>
        {
            try
            {
                await _monitor.WatchAsync(
                    machine,
                    probe,
                    onRunning: () => OnHealthPassed(instance, containerId),
                    onFailed: message => OnHealthFailed(instance, containerId, message),
                    incarnation);
            }
            catch (OperationCanceledException) when (incarnation.IsCancellationRequested)
            {
            }
            catch (Exception ex)
            {
                AgentLog.HealthMonitorFailed(_logger, instance.InstanceId, ex);
            }
        }));
    }

    private void OnHealthPassed(ManagedInstance instance, string containerId)
    {
        lock (_gate)
        {
            if (instance.ContainerId == containerId && instance.State == InstanceState.Starting && !instance.BeingRemoved)
            {
                Transition(instance, InstanceState.Running, 0, string.Empty);
            }
        }
    }

    private void OnHealthFailed(ManagedInstance instance, string containerId, string message)
    {
        lock (_gate)
        {
            if (instance.ContainerId != containerId || instance.BeingRemoved || instance.State is not (InstanceState.Starting or InstanceState.Running))
            {
                return;
            }

            instance.Monitored = false;
            _stoppedOnPurpose.Add(containerId);
            Transition(instance, InstanceState.Crashed, 0, message);
            AgentLog.HealthCheckFailed(_logger, instance.InstanceId, message);

            // CRASHED means "not serving": an unhealthy container is stopped rather than left
            // running behind the scheduler's back. It stays (stopped) until the scheduler restarts
            // or removes the instance.
            instance.Enqueue(() => StopFailedContainerAsync(instance, containerId));
        }
    }

    /// <summary>Must be called under the lock, which keeps reports in the order the states happened.</summary>
    private void Transition(ManagedInstance instance, InstanceState state, int exitCode, string message)
    {
        var previous = instance.State;
        instance.State = state;
        instance.ExitCode = exitCode;
        instance.Message = message;
        instance.Since = _time.GetUtcNow();
        AgentLog.InstanceStateChanged(_logger, instance.InstanceId, instance.App, instance.Index, previous, state, message);
        _logShipping.InstanceStateChanged(instance.App, instance.Index, previous, state, message);
        _reporter.Report(ToReport(instance));
    }

    private static void Assign(ManagedInstance instance, Assignment assignment)
    {
        instance.Assignment = assignment;
        instance.App = assignment.App;
        instance.Index = assignment.Index;
        instance.ReleaseVersion = assignment.ReleaseVersion;
        instance.Image = assignment.Image;
        instance.RestartGeneration = assignment.RestartGeneration;
    }

    private static InstanceReport ToReport(ManagedInstance instance) => new()
    {
        InstanceId = instance.InstanceId,
        App = instance.App,
        Index = instance.Index,
        State = instance.State,
        Port = instance.Port,
        ContainerId = instance.ContainerId ?? string.Empty,
        ExitCode = instance.ExitCode,
        Message = instance.Message,
        Since = Timestamp.FromDateTimeOffset(instance.Since),
        ReleaseVersion = instance.ReleaseVersion,
    };

    private static int LabelNumber(IReadOnlyDictionary<string, string> labels, string key) =>
        labels.TryGetValue(key, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;
}
