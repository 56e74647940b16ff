namespace MiniPaas.Rpc;

/// <summary>
/// IAsyncStreamReader is a stream of incoming messages (requests on a server, responses on a
/// client), read with <c>await foreach</c>. It can be enumerated once. A message larger than the
/// configured maximum receive size ends the enumeration with
/// <see cref="RpcException"/>(<see cref="StatusCode.ResourceExhausted"/>).
/// </summary>
/// <typeparam name="T">The protobuf message type.</typeparam>
public interface IAsyncStreamReader<out T> : IAsyncEnumerable<T>
{
}
