using Microsoft.Extensions.Logging;

namespace MiniPaas.Scheduler.Diagnostics;

/// <summary>SchedulerLog holds every log message of the scheduler and its event ids, in one place.</summary>
internal static partial class SchedulerLog
{
    // 1xx reconciliation
    [LoggerMessage(100, LogLevel.Information, "Reconcile pass: {Created} created, {Updated} updated, {Deleted} deleted, {Events} events")]
    public static partial void ReconcilePass(ILogger logger, int created, int updated, int deleted, int events);

    [LoggerMessage(101, LogLevel.Error, "Reconcile pass failed; retrying on the next signal or interval")]
    public static partial void ReconcileFailed(ILogger logger, Exception exception);

    [LoggerMessage(102, LogLevel.Information, "Platform event {Kind}: {Message}")]
    public static partial void PlatformEvent(ILogger logger, string kind, string message);

    [LoggerMessage(103, LogLevel.Debug, "Published assignment set generation {Generation} with {Count} instances to node {NodeId}")]
    public static partial void AssignmentsPublished(ILogger logger, string nodeId, long generation, int count);

    // 2xx nodes
    [LoggerMessage(200, LogLevel.Information, "Node {NodeId} registered from {Address} ({Adopted} running instances adopted, {Unknown} unknown)")]
    public static partial void NodeRegistered(ILogger logger, string nodeId, string address, int adopted, int unknown);

    [LoggerMessage(201, LogLevel.Debug, "Report from node {NodeId} for unknown or moved instance {InstanceId} ignored")]
    public static partial void ReportIgnored(ILogger logger, string nodeId, string instanceId);

    [LoggerMessage(202, LogLevel.Information, "Node {NodeId} started watching assignments")]
    public static partial void WatchStarted(ILogger logger, string nodeId);

    [LoggerMessage(203, LogLevel.Information, "Node {NodeId} stopped watching assignments")]
    public static partial void WatchEnded(ILogger logger, string nodeId);

    // 3xx API
    [LoggerMessage(300, LogLevel.Information, "Package {PackageId} uploaded for {App} ({Size} bytes)")]
    public static partial void PackageUploaded(ILogger logger, string packageId, string app, long size);

    [LoggerMessage(301, LogLevel.Information, "Release v{Version} of {App} created ({Image})")]
    public static partial void ReleaseCreated(ILogger logger, string app, int version, string image);

    [LoggerMessage(302, LogLevel.Warning, "Deploy of {App} failed: {Reason}")]
    public static partial void DeployFailed(ILogger logger, string app, string reason);

    [LoggerMessage(303, LogLevel.Warning, "Rejected call to {Method} from {Peer}: {Reason}")]
    public static partial void AuthRejected(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(304, LogLevel.Information, "Scheduler listening for gRPC on {Endpoint}, data in {DataDirectory}")]
    public static partial void Listening(ILogger logger, string endpoint, string dataDirectory);

    // 4xx routes
    [LoggerMessage(400, LogLevel.Information, "Route table v{Version} published ({Apps} apps, {Destinations} destinations) after {Cause}")]
    public static partial void RouteTablePublished(ILogger logger, long version, int apps, int destinations, string cause);

    [LoggerMessage(401, LogLevel.Information, "Router {RouterId} started watching routes")]
    public static partial void RouterWatchStarted(ILogger logger, string routerId);

    [LoggerMessage(402, LogLevel.Information, "Router {RouterId} stopped watching routes")]
    public static partial void RouterWatchEnded(ILogger logger, string routerId);

    /// <summary>The route-propagation latency: from the cause (e.g. a RUNNING report arriving) to the table written to a router.</summary>
    [LoggerMessage(403, LogLevel.Information, "Route table v{Version} written to router {RouterId} {LatencyMs} ms after {Cause}")]
    public static partial void RouteTableDelivered(ILogger logger, long version, string routerId, double latencyMs, string cause);

    [LoggerMessage(404, LogLevel.Information, "Route table v{Version} written to router {RouterId} on subscribe ({Apps} apps, {Destinations} destinations)")]
    public static partial void RouteTableSentOnSubscribe(ILogger logger, long version, string routerId, int apps, int destinations);

    // 9xx log shipping
    [LoggerMessage(900, LogLevel.Information, "Shipping platform events (API), staging output (STG) and the scheduler's own logs (system app) to the log aggregator at {Address}")]
    public static partial void LogShippingEnabled(ILogger logger, string address);

    // 5xx services (brokers, instances, bindings)
    [LoggerMessage(500, LogLevel.Information, "Service broker {Broker} registered at {Url} ({Services} services)")]
    public static partial void ServiceBrokerRegistered(ILogger logger, string broker, string url, int services);

    [LoggerMessage(501, LogLevel.Information, "Service instance {Name} ({Service} {Plan}): {LastOperation} {Message}")]
    public static partial void ServiceInstanceState(ILogger logger, string name, string service, string plan, string lastOperation, string message);

    [LoggerMessage(502, LogLevel.Information, "App {App} bound to service instance {Name}; rolling to deployment {Deployment}")]
    public static partial void ServiceBound(ILogger logger, string app, string name, int deployment);

    [LoggerMessage(503, LogLevel.Information, "App {App} unbound from service instance {Name}")]
    public static partial void ServiceUnbound(ILogger logger, string app, string name);

    [LoggerMessage(504, LogLevel.Warning, "Polling the last operation of service instance {Name} failed; will poll again")]
    public static partial void ServicePollFailed(ILogger logger, string name, Exception exception);

    // 6xx dashboard
    [LoggerMessage(600, LogLevel.Information, "Dashboard listening on {Endpoint}")]
    public static partial void DashboardListening(ILogger logger, string endpoint);

    [LoggerMessage(601, LogLevel.Information, "Dashboard login from {Peer}")]
    public static partial void DashboardLogin(ILogger logger, string peer);

    [LoggerMessage(602, LogLevel.Warning, "Dashboard login from {Peer} refused: unknown, used or expired login token")]
    public static partial void DashboardLoginRejected(ILogger logger, string peer);

    [LoggerMessage(603, LogLevel.Debug, "Dashboard stream opened from {Peer}")]
    public static partial void DashboardStreamOpened(ILogger logger, string peer);

    [LoggerMessage(604, LogLevel.Information, "Dashboard: kill of {App}#{Index} requested on {NodeId} (kill generation {Generation})")]
    public static partial void DashboardKillRequested(ILogger logger, string app, int index, string nodeId, int generation);

    [LoggerMessage(605, LogLevel.Warning, "Router metrics at {Source} unavailable: {Reason}")]
    public static partial void RouterMetricsUnavailable(ILogger logger, string source, string reason);

    [LoggerMessage(606, LogLevel.Debug, "Dashboard log tail of {App} opened from {Peer}")]
    public static partial void DashboardLogTailOpened(ILogger logger, string app, string peer);

    [LoggerMessage(607, LogLevel.Warning, "Dashboard log tail of {App} from {Aggregator} failed: {Reason}")]
    public static partial void DashboardLogTailFailed(ILogger logger, string app, string aggregator, string reason);
}
