using System.Runtime.CompilerServices;

namespace MiniPaas.Rpc;

/// <summary>
/// ClientStreamingCall is a call in progress with a stream of requests and one response. Write
/// to <see cref="RequestStream"/>, call its <c>CompleteAsync</c>, then await <see cref="ResponseAsync"/>.
/// Dispose it to cancel the call if unfinished.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class ClientStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    internal ClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseAsync = responseAsync;
        _state = state;
    }

    /// <summary>The request messages.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The response; faults with <see cref="RpcException"/> when the call fails.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The server's response headers (metadata), once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersTask;

    /// <summary>The trailers; available once the call has completed.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Lets the call be awaited directly for its response.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Cancels the call if it has not completed and releases its resources.</summary>
    public void Dispose() => _state.Dispose();
}
