namespace MiniPaas.Rpc;

/// <summary>
/// DuplexStreamingCall is a call in progress with streams both ways. Write to
/// <see cref="RequestStream"/> and read <see cref="ResponseStream"/> concurrently; a non-OK status
/// is thrown at the end of the response stream. Dispose it to cancel the call if unfinished.
/// </summary>
/// <typeparam name="TRequest">The request message type.</typeparam>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class DuplexStreamingCall<TRequest, TResponse> : IDisposable
{
    private readonly IClientCallState _state;

    internal DuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, IClientCallState state)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
        _state = state;
    }

    /// <summary>The request messages.</summary>
    public IClientStreamWriter<TRequest> RequestStream { get; }

    /// <summary>The response messages.</summary>
    public IAsyncStreamReader<TResponse> ResponseStream { get; }

    /// <summary>The server's response headers (metadata), once they arrive.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersTask;

    /// <summary>The trailers; available once the response stream has been read to its end.</summary>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it has not completed and releases its resources.</summary>
    public void Dispose() => _state.Dispose();
}
