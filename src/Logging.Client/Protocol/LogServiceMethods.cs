using Google.Protobuf.Reflection;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Logging.Client;

/// <summary>
/// LogServiceMethods are the client-side descriptions of the aggregator's <c>minipaas.v1.LogService</c>
/// methods, for use with <see cref="RpcChannel"/>, e.g.
/// <c>await channel.UnaryAsync(LogServiceMethods.Recent, new LogQuery { App = "hello" })</c>.
/// </summary>
public static class LogServiceMethods
{
    /// <summary>The protobuf descriptor of <c>minipaas.v1.LogService</c>.</summary>
    public static ServiceDescriptor Service { get; } = LogsReflection.Descriptor.FindTypeByName<ServiceDescriptor>("LogService");

    /// <summary>Client streaming: batches in, one <see cref="ShipReply"/> when the stream is completed.</summary>
    public static Method<LogBatch, ShipReply> Ship { get; } = Method<LogBatch, ShipReply>.From(Service, "Ship");

    /// <summary>Unary: the last lines of an app matching a query.</summary>
    public static Method<LogQuery, LogPage> Recent { get; } = Method<LogQuery, LogPage>.From(Service, "Recent");

    /// <summary>Server streaming: recent lines, then live ones.</summary>
    public static Method<LogQuery, LogRecord> Follow { get; } = Method<LogQuery, LogRecord>.From(Service, "Follow");

    /// <summary>Unary: adds a syslog drain to an app.</summary>
    public static Method<AddDrainRequest, DrainInfo> AddDrain { get; } = Method<AddDrainRequest, DrainInfo>.From(Service, "AddDrain");

    /// <summary>Unary: removes a drain by id or URL.</summary>
    public static Method<RemoveDrainRequest, RemoveDrainReply> RemoveDrain { get; } = Method<RemoveDrainRequest, RemoveDrainReply>.From(Service, "RemoveDrain");

    /// <summary>Unary: drains with their counters.</summary>
    public static Method<ListDrainsRequest, ListDrainsReply> ListDrains { get; } = Method<ListDrainsRequest, ListDrainsReply>.From(Service, "ListDrains");
}
