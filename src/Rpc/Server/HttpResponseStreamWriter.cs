using Google.Protobuf;

namespace MiniPaas.Rpc;

/// <summary>Writes framed response messages to the response body, flushing each one.</summary>
internal sealed class HttpResponseStreamWriter<T> : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    private readonly ServerCallContext _context;
    private readonly int _maxMessageSize;
    private int _writing;

    public HttpResponseStreamWriter(ServerCallContext context, int maxMessageSize)
    {
        _context = context;
        _maxMessageSize = maxMessageSize;
    }

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_context.IsComplete)
        {
            throw new InvalidOperationException($"Cannot write to the response stream of {_context.Method}: the call is complete.");
        }

        if (Interlocked.Exchange(ref _writing, 1) != 0)
        {
            throw new InvalidOperationException("Only one write to the response stream can be pending at a time.");
        }

        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            _context.CancellationToken.ThrowIfCancellationRequested();
            var writer = _context.HttpContext.Response.BodyWriter;
            MessageFraming.WriteMessage(writer, message, _maxMessageSize);

            using var linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _context.CancellationToken)
                : null;
            var result = await writer.FlushAsync(linked?.Token ?? _context.CancellationToken).ConfigureAwait(false);
            if (result.IsCanceled || result.IsCompleted)
            {
                throw new OperationCanceledException("The client stopped reading the response stream.");
            }
        }
        finally
        {
            Volatile.Write(ref _writing, 0);
        }
    }
}
