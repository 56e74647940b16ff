namespace MiniPaas.Rpc;

/// <summary>IServerStreamWriter sends response messages of a streaming call from a server handler.</summary>
/// <typeparam name="T">The protobuf message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>
    /// Writes one message and flushes it to the client. Writes must not overlap. Throws
    /// <see cref="RpcException"/>(<see cref="StatusCode.ResourceExhausted"/>) when the message is
    /// larger than the server's maximum send size.
    /// </summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
