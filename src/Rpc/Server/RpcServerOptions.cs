namespace MiniPaas.Rpc;

/// <summary>RpcServerOptions configures every service mapped with <c>MapRpcService</c>.</summary>
public sealed class RpcServerOptions
{
    /// <summary>Largest request message accepted, in bytes; larger ones end the call with RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Largest response message sent, in bytes; writing a larger one fails with RESOURCE_EXHAUSTED. Default 4 MiB.</summary>
    public int MaxSendMessageSize { get; set; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>
    /// Runs before every handler except those in <see cref="AnonymousMethods"/>. It refuses a call
    /// by throwing <see cref="RpcException"/> (usually <see cref="StatusCode.Unauthenticated"/> or
    /// <see cref="StatusCode.PermissionDenied"/>) and may store the caller's identity in
    /// <see cref="ServerCallContext.Items"/>. Default null: every call is allowed.
    /// </summary>
    public Func<ServerCallContext, ValueTask>? Authorize { get; set; }

    /// <summary>
    /// Full method names (e.g. <c>/minipaas.v1.Controller/Login</c>) that skip <see cref="Authorize"/>.
    /// Default empty.
    /// </summary>
    public ISet<string> AnonymousMethods { get; set; } = new HashSet<string>(StringComparer.Ordinal);
}
