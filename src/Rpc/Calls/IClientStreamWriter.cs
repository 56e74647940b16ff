namespace MiniPaas.Rpc;

/// <summary>IClientStreamWriter sends the request messages of a client-streaming or duplex call.</summary>
/// <typeparam name="T">The protobuf message type.</typeparam>
public interface IClientStreamWriter<in T>
{
    /// <summary>
    /// Writes one message and flushes it to the server. Writes must not overlap. If the call has
    /// already ended with an error, throws that call's <see cref="RpcException"/>.
    /// </summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    /// <summary>Tells the server no more requests will come (half-closes the request stream).</summary>
    Task CompleteAsync();
}
