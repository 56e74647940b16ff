using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using Microsoft.Extensions.Logging;

namespace MiniPaas.Agent.Diagnostics;

/// <summary>
/// Every log message of the agent, source-generated, with its event id. Ids are grouped by feature:
/// 1xxx hosting and registration, 2xxx assignments, 3xxx instances, 4xxx health checks,
/// 5xxx Docker events, 6xxx reports, 7xxx log shipping.
/// </summary>
internal static partial class AgentLog
{
    // 1xxx: hosting and registration
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Agent {NodeId} starting: instances on {Address} ports {PortRangeStart}-{PortRangeEnd}, scheduler {SchedulerAddress}")]
    public static partial void AgentStarting(ILogger logger, string nodeId, string address, int portRangeStart, int portRangeEnd, string schedulerAddress);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Agent {NodeId} stopped; {InstanceCount} instances left running for the next agent to adopt")]
    public static partial void AgentStopped(ILogger logger, string nodeId, int instanceCount);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Docker engine unavailable, cannot list this node's containers yet ({Reason}); retrying in {DelayMillis:0} ms")]
    public static partial void DockerUnavailableAtStartup(ILogger logger, string reason, double delayMillis);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Registering node {NodeId} with {SchedulerAddress} ({RunningCount} instances already running)")]
    public static partial void Registering(ILogger logger, string nodeId, string schedulerAddress, int runningCount);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Node {NodeId} registered (heartbeat {HeartbeatMillis} ms, registry {RegistryAddress})")]
    public static partial void Registered(ILogger logger, string nodeId, int heartbeatMillis, string registryAddress);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Scheduler session ended: {Reason}; registering again in {DelayMillis:0} ms")]
    public static partial void SessionEnded(ILogger logger, string reason, double delayMillis);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Heartbeat failed ({Reason}), {ConsecutiveFailures} in a row")]
    public static partial void HeartbeatFailed(ILogger logger, string reason, int consecutiveFailures);

    // 2xxx: assignments
    [LoggerMessage(EventId = 2000, Level = LogLevel.Debug, Message = "Assignment set {Generation} received with {Count} assignments")]
    public static partial void AssignmentSetReceived(ILogger logger, long generation, int count);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Assignment set {Generation} applied: {Count} desired, {StartCount} to start, {StopCount} to stop, {RestartCount} to restart")]
    public static partial void AssignmentSetApplied(ILogger logger, long generation, int count, int startCount, int stopCount, int restartCount);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Ignoring assignment set {Generation}: set {AppliedGeneration} was already applied")]
    public static partial void StaleAssignmentSet(ILogger logger, long generation, long appliedGeneration);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Assignment rejected: {Reason}")]
    public static partial void AssignmentRejected(ILogger logger, string reason);

    // 3xxx: instances
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "Instance {InstanceId} ({App}/{Index}) {PreviousState} -> {State} {Message}")]
    public static partial void InstanceStateChanged(ILogger logger, string instanceId, string app, int index, InstanceState previousState, InstanceState state, string message);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Started container {ContainerId} for instance {InstanceId} ({App}/{Index}) on port {Port}")]
    public static partial void ContainerStarted(ILogger logger, string instanceId, string app, int index, string containerId, int port);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Instance {InstanceId} of {App} failed to start")]
    public static partial void StartFailed(ILogger logger, string instanceId, string app, Exception exception);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Restarting instance {InstanceId} for restart generation {RestartGeneration}")]
    public static partial void RestartingInstance(ILogger logger, string instanceId, int restartGeneration);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Error, Message = "Stopping the container(s) of instance {InstanceId} failed")]
    public static partial void StopFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "Removed container {ContainerId} of instance {InstanceId}")]
    public static partial void ContainerRemoved(ILogger logger, string instanceId, string containerId);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Instance {InstanceId} ({App}/{Index}) removed: no longer assigned")]
    public static partial void InstanceRemoved(ILogger logger, string instanceId, string app, int index);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "Container {ContainerId} of instance {InstanceId} died with exit code {ExitCode} (out of memory: {OutOfMemory})")]
    public static partial void ContainerDied(ILogger logger, string instanceId, string containerId, int exitCode, bool outOfMemory);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Adopted running container {ContainerId} as instance {InstanceId} ({App}/{Index}) on port {Port}")]
    public static partial void AdoptedContainer(ILogger logger, string instanceId, string app, int index, string containerId, int port);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "Container {ContainerId} of instance {InstanceId} exited with code {ExitCode} while the agent was not running")]
    public static partial void AdoptedExitedContainer(ILogger logger, string instanceId, string containerId, int exitCode);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Adopted instance {InstanceId} claims port {Port}, which is outside this node's range or taken; it keeps running but the port is not reserved")]
    public static partial void AdoptedPortNotReserved(ILogger logger, string instanceId, int port);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Warning, Message = "Container {ContainerId} carries this node's label but no instance id; leaving it alone")]
    public static partial void ContainerWithoutInstanceLabel(ILogger logger, string containerId);

    [LoggerMessage(EventId = 3014, Level = LogLevel.Warning, Message = "Removing container {ContainerId}: another container already runs its instance")]
    public static partial void RemovingDuplicateContainer(ILogger logger, string containerId);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Warning, Message = "Killing instance {InstanceId} (container {ContainerId}) on the operator's request (kill generation {KillGeneration})")]
    public static partial void KillRequested(ILogger logger, string instanceId, string containerId, int killGeneration);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning, Message = "Could not kill instance {InstanceId} (container {ContainerId}) on request")]
    public static partial void KillFailed(ILogger logger, string instanceId, string containerId, Exception exception);

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "Instance activity did not finish within {Seconds} s of shutdown")]
    public static partial void ShutdownWaitExpired(ILogger logger, double seconds);

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Pulling image {Image} (with registry credentials: {WithCredentials})")]
    public static partial void PullingImage(ILogger logger, string image, bool withCredentials);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Information, Message = "Pulled image {Image} in {ElapsedMillis:0} ms")]
    public static partial void PulledImage(ILogger logger, string image, double elapsedMillis);

    // 4xxx: health checks
    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Instance {InstanceId} is unhealthy: {Reason}")]
    public static partial void HealthCheckFailed(ILogger logger, string instanceId, string reason);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Error, Message = "Health monitor of instance {InstanceId} failed")]
    public static partial void HealthMonitorFailed(ILogger logger, string instanceId, Exception exception);

    // 5xxx: Docker events
    [LoggerMessage(EventId = 5000, Level = LogLevel.Debug, Message = "Watching Docker die/oom events of node {NodeId}")]
    public static partial void WatchingDockerEvents(ILogger logger, string nodeId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Docker event stream ended; resubscribing")]
    public static partial void DockerEventStreamEnded(ILogger logger);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Docker event stream failed ({Reason}); resubscribing")]
    public static partial void DockerEventStreamFailed(ILogger logger, string reason);

    // 6xxx: reports
    [LoggerMessage(EventId = 6000, Level = LogLevel.Debug, Message = "Delivered {Count} instance reports")]
    public static partial void ReportsDelivered(ILogger logger, int count);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Delivering {Count} instance reports failed ({Status}: {Detail}); they are kept and retried")]
    public static partial void ReportFailed(ILogger logger, int count, StatusCode status, string detail);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Dropped the oldest undelivered report ({InstanceId} {State}): more than {MaxPending} waiting")]
    public static partial void ReportDropped(ILogger logger, string instanceId, InstanceState state, int maxPending);

    // 7xxx: log shipping
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Shipping container output and instance events to the log aggregator at {Address}")]
    public static partial void LogShippingEnabled(ILogger logger, string address);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Log shipping is off: MiniPaas:Agent:LogAggregatorAddress is empty")]
    public static partial void LogShippingDisabled(ILogger logger);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Debug, Message = "Following the output of container {ContainerId} ({App}/{Index}) since {Since}")]
    public static partial void FollowingContainer(ILogger logger, string containerId, string app, int index, string since);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Reading the output of container {ContainerId} failed ({Reason}); trying again in {DelayMillis:0} ms")]
    public static partial void ContainerLogReadFailed(ILogger logger, string containerId, string reason, double delayMillis);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Debug, Message = "Stopped following container {ContainerId}: {Reason}")]
    public static partial void ContainerFollowEnded(ILogger logger, string containerId, string reason);
}
