namespace MiniPaas.Broker.Hosting;

/// <summary>Every log event of the broker, so event ids stay unique and greppable in one place.</summary>
internal static partial class BrokerLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Broker ready; state in {DataDirectory}")]
    public static partial void BrokerReady(ILogger logger, string dataDirectory);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Running {FileName} {Arguments}")]
    public static partial void CommandStarting(ILogger logger, string fileName, string arguments);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Server} server listening on {Host}:{Port}, data in {Directory}")]
    public static partial void ServerStarted(ILogger logger, string server, string host, int port, string directory);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Server} server on {Host}:{Port} stopped")]
    public static partial void ServerStopped(ILogger logger, string server, string host, int port);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{Server} server in {Directory} was left running by an earlier broker; stopping it")]
    public static partial void OrphanServerStopping(ILogger logger, string server, string directory);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Created PostgreSQL cluster in {Cluster}")]
    public static partial void PostgresClusterCreated(ILogger logger, string cluster);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Operation {OperationId} ({OperationType}, async {Asynchronous}) started for instance {InstanceId}")]
    public static partial void OperationStarted(ILogger logger, string instanceId, string operationId, string operationType, bool asynchronous);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Operation {OperationId} of instance {InstanceId} ended {State}: {Description}")]
    public static partial void OperationFinished(ILogger logger, string instanceId, string operationId, string state, string description);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Operation {OperationId} ({OperationType}) of instance {InstanceId} was interrupted; resuming it")]
    public static partial void OperationResumed(ILogger logger, string instanceId, string operationId, string operationType);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Operation {OperationId} of instance {InstanceId} cancelled")]
    public static partial void OperationCancelled(ILogger logger, string instanceId, string operationId);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "Operation {OperationId} of instance {InstanceId} failed")]
    public static partial void OperationFailed(ILogger logger, Exception exception, string instanceId, string operationId);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Instance {InstanceId} deprovisioned by operation {OperationId}")]
    public static partial void InstanceDeleted(ILogger logger, string instanceId, string operationId);

    [LoggerMessage(EventId = 16, Level = LogLevel.Error, Message = "Could not undo the failed provisioning {OperationId} of instance {InstanceId}")]
    public static partial void UndoFailed(ILogger logger, Exception exception, string instanceId, string operationId);

    [LoggerMessage(EventId = 20, Level = LogLevel.Error, Message = "Binding {BindingId} of instance {InstanceId} could not be created")]
    public static partial void BindFailed(ILogger logger, Exception exception, string instanceId, string bindingId);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Binding {BindingId} of instance {InstanceId} could not be removed")]
    public static partial void UnbindFailed(ILogger logger, Exception exception, string instanceId, string bindingId);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Half-made binding {BindingId} of instance {InstanceId} could not be cleaned up; retrying at the next start")]
    public static partial void UndoBindFailed(ILogger logger, Exception exception, string instanceId, string bindingId);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Instance {InstanceId}: database {Database} ready (plan {Plan})")]
    public static partial void PostgresDatabaseCreated(ILogger logger, string instanceId, string database, string plan);

    [LoggerMessage(EventId = 31, Level = LogLevel.Information, Message = "Instance {InstanceId}: database {Database} and its roles dropped")]
    public static partial void PostgresDatabaseDropped(ILogger logger, string instanceId, string database);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Binding {BindingId} of instance {InstanceId}: role {Role} created")]
    public static partial void PostgresRoleCreated(ILogger logger, string instanceId, string bindingId, string role);

    [LoggerMessage(EventId = 33, Level = LogLevel.Information, Message = "Binding {BindingId} of instance {InstanceId}: role {Role} dropped")]
    public static partial void PostgresRoleDropped(ILogger logger, string instanceId, string bindingId, string role);

    [LoggerMessage(EventId = 40, Level = LogLevel.Information, Message = "Instance {InstanceId}: Redis key prefix {Prefix} reserved")]
    public static partial void RedisPrefixReserved(ILogger logger, string instanceId, string prefix);

    [LoggerMessage(EventId = 41, Level = LogLevel.Information, Message = "Instance {InstanceId}: Redis key prefix {Prefix} removed with {DeletedKeys} keys")]
    public static partial void RedisPrefixDeleted(ILogger logger, string instanceId, string prefix, long deletedKeys);

    [LoggerMessage(EventId = 42, Level = LogLevel.Information, Message = "Binding {BindingId} of instance {InstanceId}: Redis user {User} created")]
    public static partial void RedisUserCreated(ILogger logger, string instanceId, string bindingId, string user);

    [LoggerMessage(EventId = 43, Level = LogLevel.Information, Message = "Binding {BindingId} of instance {InstanceId}: Redis user {User} deleted")]
    public static partial void RedisUserDeleted(ILogger logger, string instanceId, string bindingId, string user);

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "Rejected {Method} {Path}: {Reason}")]
    public static partial void RequestUnauthenticated(ILogger logger, string method, PathString path, string reason);

    [LoggerMessage(EventId = 51, Level = LogLevel.Debug, Message = "{Method} {Path} on behalf of {Platform} user {Identity}")]
    public static partial void OriginatingIdentity(ILogger logger, string method, PathString path, string platform, string identity);
}
