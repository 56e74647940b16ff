using Microsoft.Extensions.Logging;

namespace MiniPaas.LogAggregator.Diagnostics;

/// <summary>AggregatorLog holds every log message of the aggregator and its event ids, in one place.</summary>
internal static partial class AggregatorLog
{
    // 1xx store
    [LoggerMessage(100, LogLevel.Information, "Log store opened in {DataDirectory}: {Apps} apps")]
    public static partial void StoreOpened(ILogger logger, string dataDirectory, int apps);

    [LoggerMessage(101, LogLevel.Warning, "Log of {App} repaired at startup: {Problem}")]
    public static partial void StoreRepaired(ILogger logger, string app, string problem);

    [LoggerMessage(102, LogLevel.Information, "Retention deleted {Segments} segments")]
    public static partial void RetentionDeleted(ILogger logger, int segments);

    [LoggerMessage(103, LogLevel.Error, "Retention pass failed; retrying at the next interval")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Error, "Appending to the log of {App} failed")]
    public static partial void AppendFailed(ILogger logger, string app, Exception exception);

    [LoggerMessage(105, LogLevel.Error, "Periodic {Task} failed; it runs again at the next interval")]
    public static partial void MaintenanceFailed(ILogger logger, string task, Exception exception);

    // 2xx ingestion
    [LoggerMessage(200, LogLevel.Debug, "Ship stream from {Peer} ended: {Accepted} accepted, {RateLimited} rate-limited, {Rejected} rejected, {Duplicates} duplicate batches")]
    public static partial void ShipEnded(ILogger logger, string peer, long accepted, long rateLimited, long rejected, long duplicates);

    [LoggerMessage(201, LogLevel.Warning, "Ship stream from {Peer} had {Rejected} invalid lines; first: {Reason}")]
    public static partial void ShipRejected(ILogger logger, string peer, long rejected, string reason);

    [LoggerMessage(202, LogLevel.Information, "Rate limit dropped {Count} lines of {App} {Source}")]
    public static partial void RateLimited(ILogger logger, string app, string source, long count);

    // 3xx queries
    [LoggerMessage(300, LogLevel.Debug, "Follower {Peer} started on {App}")]
    public static partial void FollowStarted(ILogger logger, string peer, string app);

    [LoggerMessage(301, LogLevel.Debug, "Follower {Peer} of {App} ended; {Skipped} lines skipped for slowness")]
    public static partial void FollowEnded(ILogger logger, string peer, string app, long skipped);

    // 4xx drains
    [LoggerMessage(400, LogLevel.Information, "Drain {DrainId} of {App} to {Url} added")]
    public static partial void DrainAdded(ILogger logger, string drainId, string app, string url);

    [LoggerMessage(401, LogLevel.Information, "Drain {DrainId} of {App} to {Url} removed")]
    public static partial void DrainRemoved(ILogger logger, string drainId, string app, string url);

    [LoggerMessage(402, LogLevel.Information, "Drain {DrainId} connected to {Url}")]
    public static partial void DrainConnected(ILogger logger, string drainId, string url);

    [LoggerMessage(403, LogLevel.Warning, "Drain {DrainId} to {Url} failed ({Reason}); reconnecting in {Delay}")]
    public static partial void DrainFailed(ILogger logger, string drainId, string url, string reason, TimeSpan delay);

    [LoggerMessage(404, LogLevel.Error, "Drains file {Path} could not be read; starting without drains")]
    public static partial void DrainsUnreadable(ILogger logger, string path, Exception exception);

    // 5xx CLEF
    [LoggerMessage(500, LogLevel.Warning, "CLEF post from {Peer} rejected: {Reason}")]
    public static partial void ClefRejected(ILogger logger, string peer, string reason);

    // 6xx hosting
    [LoggerMessage(600, LogLevel.Information, "Log aggregator listening: gRPC {GrpcAddress}, HTTP {HttpAddress}, data in {DataDirectory}")]
    public static partial void Listening(ILogger logger, string grpcAddress, string httpAddress, string dataDirectory);

    [LoggerMessage(601, LogLevel.Warning, "Rejected call to {Target} from {Peer}: {Reason}")]
    public static partial void AuthRejected(ILogger logger, string target, string peer, string reason);

    // 7xx system logs
    [LoggerMessage(700, LogLevel.Error, "Storing the aggregator's own logs failed; {Count} events lost")]
    public static partial void SystemLogsLost(ILogger logger, int count, Exception exception);
}
