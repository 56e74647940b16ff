using Google.Protobuf;

namespace MiniPaas.Rpc;

/// <summary>The response messages of a streaming call; at the end, a non-OK status is thrown.</summary>
internal sealed class ClientResponseStreamReader<TRequest, TResponse> : IAsyncStreamReader<TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly ClientCall<TRequest, TResponse> _call;
    private int _enumerated;

    public ClientResponseStreamReader(ClientCall<TRequest, TResponse> call)
    {
        _call = call;
    }

    public IAsyncEnumerator<TResponse> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("The response stream can be enumerated only once.");
        }

        return ReadAllAsync(cancellationToken);
    }

    private async IAsyncEnumerator<TResponse> ReadAllAsync(CancellationToken cancellationToken)
    {
        while (await _call.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }
}
