using Google.Protobuf;

namespace MiniPaas.Rpc;

/// <summary>The request messages of a client-streaming or duplex call, read from the request body.</summary>
internal sealed class HttpRequestStreamReader<T> : IAsyncStreamReader<T>
    where T : class, IMessage<T>, new()
{
    private readonly ServerCallContext _context;
    private readonly int _maxMessageSize;
    private int _enumerated;

    public HttpRequestStreamReader(ServerCallContext context, int maxMessageSize)
    {
        _context = context;
        _maxMessageSize = maxMessageSize;
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("The request stream can be enumerated only once.");
        }

        return ReadAllAsync(cancellationToken);
    }

    private async IAsyncEnumerator<T> ReadAllAsync(CancellationToken cancellationToken)
    {
        using var linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _context.CancellationToken)
            : null;
        var token = linked?.Token ?? _context.CancellationToken;
        var reader = _context.HttpContext.Request.BodyReader;
        while (await MessageFraming.ReadMessageAsync(reader, MessageCodec<T>.Parser, _maxMessageSize, token).ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }
}
