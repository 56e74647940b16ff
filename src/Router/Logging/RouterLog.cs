using Microsoft.Extensions.Logging;

namespace MiniPaas.Router.Logging;

/// <summary>The router's structured log messages (event ids in <see cref="RouterLogEvents"/>).</summary>
internal static partial class RouterLog
{
    [LoggerMessage(EventId = RouterLogEvents.Listening, Level = LogLevel.Information,
        Message = "Router serving apps on {ProxyUrl}, admin (/metrics, /healthz, /routes) on {AdminUrl}; route tables from {SchedulerAddress}")]
    public static partial void Listening(ILogger logger, string proxyUrl, string adminUrl, string schedulerAddress);

    [LoggerMessage(EventId = RouterLogEvents.RouteTableApplied, Level = LogLevel.Information,
        Message = "Route table {Version} from {Source} applied: {Apps} apps, {Routes} routes, {Destinations} destinations")]
    public static partial void RouteTableApplied(ILogger logger, long version, string source, int apps, int routes, int destinations);

    [LoggerMessage(EventId = RouterLogEvents.RouteTableEntrySkipped, Level = LogLevel.Warning,
        Message = "Route table {Version}: {Problem}")]
    public static partial void RouteTableEntrySkipped(ILogger logger, long version, string problem);

    [LoggerMessage(EventId = RouterLogEvents.RouteTableLoadedFromStateFile, Level = LogLevel.Information,
        Message = "Loaded route table {Version} from state file {Path}; serving it until the scheduler answers")]
    public static partial void RouteTableLoadedFromStateFile(ILogger logger, long version, string path);

    [LoggerMessage(EventId = RouterLogEvents.StateFileUnreadable, Level = LogLevel.Warning,
        Message = "State file {Path} could not be read; starting without a route table")]
    public static partial void StateFileUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = RouterLogEvents.StateFileWriteFailed, Level = LogLevel.Warning,
        Message = "Could not save route table {Version} to state file {Path}; a restart while the scheduler is down would serve an older table")]
    public static partial void StateFileWriteFailed(ILogger logger, long version, string path, Exception exception);

    [LoggerMessage(EventId = RouterLogEvents.ProxyConfigRejected, Level = LogLevel.Error,
        Message = "The proxy refused the configuration built from route table {Version}; the previous one stays in effect")]
    public static partial void ProxyConfigRejected(ILogger logger, string version, Exception exception);

    [LoggerMessage(EventId = RouterLogEvents.RouteTableVersionWentBack, Level = LogLevel.Warning,
        Message = "Scheduler sent route table {Version} after {PreviousVersion}; applying it anyway, the scheduler is the source of truth")]
    public static partial void RouteTableVersionWentBack(ILogger logger, long version, long previousVersion);

    [LoggerMessage(EventId = RouterLogEvents.SchedulerConnected, Level = LogLevel.Information,
        Message = "Watching routes on scheduler {SchedulerAddress} as {RouterId}; resynchronised to table {Version}")]
    public static partial void SchedulerConnected(ILogger logger, string schedulerAddress, string routerId, long version);

    [LoggerMessage(EventId = RouterLogEvents.SchedulerStreamEnded, Level = LogLevel.Warning,
        Message = "Scheduler {SchedulerAddress} ended the route stream; keeping table {Version} and reconnecting in {Delay}")]
    public static partial void SchedulerStreamEnded(ILogger logger, string schedulerAddress, long version, TimeSpan delay);

    [LoggerMessage(EventId = RouterLogEvents.SchedulerUnavailable, Level = LogLevel.Warning,
        Message = "Route stream from scheduler {SchedulerAddress} failed ({Status}: {Detail}); keeping table {Version} and reconnecting in {Delay}")]
    public static partial void SchedulerUnavailable(ILogger logger, string schedulerAddress, string status, string detail, long version, TimeSpan delay);

    [LoggerMessage(EventId = RouterLogEvents.SchedulerRejectedCredentials, Level = LogLevel.Error,
        Message = "Scheduler {SchedulerAddress} refused the router's credentials ({Status}: {Detail}); check MiniPaas:Router:Token. Retrying in {Delay}")]
    public static partial void SchedulerRejectedCredentials(ILogger logger, string schedulerAddress, string status, string detail, TimeSpan delay);

    [LoggerMessage(EventId = RouterLogEvents.RetryingOnAnotherInstance, Level = LogLevel.Information,
        Message = "{Method} {Path} for app {App}: instance {InstanceId} failed before responding ({Failure}); retrying on another instance (attempt {Attempt}), request {RequestId}")]
    public static partial void RetryingOnAnotherInstance(ILogger logger, string method, string path, string app, string instanceId, string failure, int attempt, string requestId);

    [LoggerMessage(EventId = RouterLogEvents.InstanceMarkedUnreachable, Level = LogLevel.Warning,
        Message = "Instance {InstanceId} of app {App} at {Address} refused a connection; skipping it for {ReactivationPeriod}")]
    public static partial void InstanceMarkedUnreachable(ILogger logger, string instanceId, string app, string address, TimeSpan reactivationPeriod);

    [LoggerMessage(EventId = RouterLogEvents.NoInstanceReachable, Level = LogLevel.Warning,
        Message = "{Method} {Path} for app {App} failed after {Attempts} attempt(s): {Error}, request {RequestId}")]
    public static partial void NoInstanceReachable(ILogger logger, string method, string path, string app, int attempts, string error, string requestId);

    [LoggerMessage(EventId = RouterLogEvents.AccessLog, Level = LogLevel.Information,
        Message = "{App} {InstanceIndex} {InstanceId} {Method} {Host}{Path} {StatusCode} {LatencyMs:0.###}ms {RequestId}")]
    public static partial void AccessLog(ILogger logger, string app, int instanceIndex, string instanceId, string method, string host, string path, int statusCode, double latencyMs, string requestId);

    [LoggerMessage(EventId = RouterLogEvents.AccessLogSinkFailed, Level = LogLevel.Warning,
        Message = "Access log sink {Sink} failed; the entry for request {RequestId} is lost to it")]
    public static partial void AccessLogSinkFailed(ILogger logger, string sink, string requestId, Exception exception);
}
