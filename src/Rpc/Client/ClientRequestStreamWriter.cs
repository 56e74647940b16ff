using System.IO.Pipelines;
using Google.Protobuf;

namespace MiniPaas.Rpc;

/// <summary>Writes framed request messages into the streaming request body, flushing each one.</summary>
internal sealed class ClientRequestStreamWriter<TRequest, TResponse> : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ClientCall<TRequest, TResponse> _call;
    private readonly StreamingRequestContent _content;
    private readonly int _maxMessageSize;
    private PipeWriter? _writer;
    private int _writing;
    private bool _completed;

    public ClientRequestStreamWriter(ClientCall<TRequest, TResponse> call, int maxMessageSize)
    {
        _call = call;
        _content = call.RequestContent!;
        _maxMessageSize = maxMessageSize;
    }

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completed)
        {
            throw new InvalidOperationException("The request stream was already completed; no more messages can be written.");
        }

        _call.ThrowIfFinished();
        if (Interlocked.Exchange(ref _writing, 1) != 0)
        {
            throw new InvalidOperationException("Only one write to the request stream can be pending at a time.");
        }

        try
        {
            // An oversized message fails this write only; the call itself can go on.
            var size = MessageFraming.CheckedSize(message, _maxMessageSize);
            try
            {
                var stream = await _content.WaitForStreamAsync(cancellationToken).ConfigureAwait(false);
                _writer ??= PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
                var frameLength = GrpcProtocol.FrameHeaderSize + size;
                MessageFraming.WriteFrame(_writer.GetSpan(frameLength)[..frameLength], message, size);
                _writer.Advance(frameLength);
                var result = await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    throw new OperationCanceledException("Writing the request was cancelled.");
                }
            }
            catch (Exception ex)
            {
                throw _call.WriteFailure(ex, cancellationToken);
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }

    public async Task CompleteAsync()
    {
        if (_completed)
        {
            return;
        }

        if (Volatile.Read(ref _writing) != 0)
        {
            throw new InvalidOperationException("Wait for the pending write to finish before completing the request stream.");
        }

        _completed = true;
        if (_writer is not null)
        {
            try
            {
                await _writer.CompleteAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // The call is failing; its status reports why, from the response side.
            }
        }

        _content.Complete();
    }
}
