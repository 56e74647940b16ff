namespace MiniPaas.Rpc;

/// <summary>
/// ServerStreamingCall is a call in progress with one request and a stream of responses. Read
/// <see cref="ResponseStream"/> with <c>await foreach</c>; a non-OK status is thrown at its end.
/// Dispose it to cancel the call if unfinished.
/// </summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class ServerStreamingCall<TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    internal ServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        ResponseStream = responseStream;
        _state = state;
    }

    /// <summary>The response messages.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The server's response headers (metadata), once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersTask;

    /// <summary>The trailers; available once the response stream has been read to its end.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it has not completed and releases its resources.</summary>
    public void Dispose() => _state.Dispose();
}
