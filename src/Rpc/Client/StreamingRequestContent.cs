using System.Net;

namespace MiniPaas.Rpc;

/// <summary>
/// The body of a client-streaming or duplex call. HttpClient hands over the request stream when
/// it starts sending; the body stays open until the caller completes the request stream or the
/// call ends, while <see cref="ClientRequestStreamWriter{TRequest, TResponse}"/> writes frames into it.
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent()
    {
        Headers.ContentType = GrpcContentTypeHeader.Value;
    }

    public Task<Stream> WaitForStreamAsync(CancellationToken cancellationToken) => _stream.Task.WaitAsync(cancellationToken);

    /// <summary>Ends the request body normally (END_STREAM).</summary>
    public void Complete()
    {
        _stream.TrySetCanceled();
        _done.TrySetResult();
    }

    /// <summary>
    /// Ends the request body because the call failed or was cancelled. Cancellation rather than an
    /// exception, because nobody may be left to observe it; writers report the call's own status.
    /// </summary>
    public void Abort()
    {
        _stream.TrySetCanceled();
        _done.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.TrySetResult(stream);
        await _done.Task.ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
