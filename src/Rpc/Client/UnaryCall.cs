using System.Runtime.CompilerServices;

namespace MiniPaas.Rpc;

/// <summary>
/// UnaryCall is a call in progress with one request and one response. Await it (or
/// <see cref="ResponseAsync"/>) for the response; dispose it to cancel it if unfinished.
/// </summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class UnaryCall<TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    internal UnaryCall(Task<TResponse> responseAsync, IClientCallState state)
    {
        ResponseAsync = responseAsync;
        _state = state;
    }

    /// <summary>The response; faults with <see cref="RpcException"/> when the call fails.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The server's response headers (metadata), once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersTask;

    /// <summary>The trailers; available once the call has completed.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Lets the call be awaited directly.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Cancels the call if it has not completed and releases its resources.</summary>
    public void Dispose() => _state.Dispose();
}
