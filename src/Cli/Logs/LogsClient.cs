using System.Runtime.CompilerServices;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Logs;

/// <summary>The CLI's typed view of the aggregator's LogService. Unary calls get a deadline; Follow runs until Ctrl-C.</summary>
internal sealed class LogsClient : IDisposable
{
    private static readonly TimeSpan UnaryTimeout = TimeSpan.FromSeconds(30);
    private readonly RpcChannel _channel;
    private readonly TimeProvider _time;

    public LogsClient(LogsConnection connection, TimeProvider time)
    {
        Connection = connection;
        _time = time;
        _channel = new RpcChannel(connection.Api, new RpcChannelOptions { BearerToken = connection.Token, TimeProvider = time });
    }

    public LogsConnection Connection { get; }

    public Task<LogPage> RecentAsync(LogQuery query, CancellationToken cancellationToken) => UnaryAsync(LogServiceMethods.Recent, query, cancellationToken);

    public async IAsyncEnumerable<LogRecord> FollowAsync(LogQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _channel.ServerStreaming(LogServiceMethods.Follow, query, new CallOptions { CancellationToken = cancellationToken });
        await foreach (var record in call.ResponseStream.WithCancellation(cancellationToken))
        {
            yield return record;
        }
    }

    public Task<DrainInfo> AddDrainAsync(string app, string url, CancellationToken cancellationToken) =>
        UnaryAsync(LogServiceMethods.AddDrain, new AddDrainRequest { App = app, Url = url }, cancellationToken);

    public Task<RemoveDrainReply> RemoveDrainAsync(string app, string drain, CancellationToken cancellationToken) =>
        UnaryAsync(LogServiceMethods.RemoveDrain, new RemoveDrainRequest { App = app, Drain = drain }, cancellationToken);

    public Task<ListDrainsReply> ListDrainsAsync(string app, CancellationToken cancellationToken) =>
        UnaryAsync(LogServiceMethods.ListDrains, new ListDrainsRequest { App = app }, cancellationToken);

    public void Dispose() => _channel.Dispose();

    private Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
        where TResponse : class, Google.Protobuf.IMessage<TResponse>, new() =>
        _channel.UnaryAsync(method, request, new CallOptions { CancellationToken = cancellationToken, Deadline = _time.GetUtcNow() + UnaryTimeout });
}
