using System.Runtime.CompilerServices;
using Google.Protobuf.Reflection;
using MiniPaas.Cli.Connection;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Api;

/// <summary>
/// NodeAdminClient is the CLI's typed view of the <c>minipaas.v1.NodeAdmin</c> gRPC service:
/// draining a node (streamed until it runs no instances) and making it ready again.
/// </summary>
internal sealed class NodeAdminClient : IDisposable
{
    private static readonly ServiceDescriptor Service = NodesReflection.Descriptor.Services.Single(s => s.Name == "NodeAdmin");
    private static readonly Method<DrainNodeRequest, DrainProgress> DrainNodeMethod = Method<DrainNodeRequest, DrainProgress>.From(Service, "DrainNode");
    private static readonly Method<UncordonNodeRequest, NodeSummary> UncordonNodeMethod = Method<UncordonNodeRequest, NodeSummary>.From(Service, "UncordonNode");

    private readonly RpcChannel _channel;
    private readonly TimeProvider _time;

    public NodeAdminClient(ConnectionSettings connection, TimeProvider time)
    {
        _time = time;
        _channel = new RpcChannel(connection.Api, new RpcChannelOptions { BearerToken = connection.Token, TimeProvider = time });
    }

    /// <summary>Deadline of the uncordon call. Default 30 s: it is one store write and one reconciliation pass.</summary>
    public TimeSpan UnaryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Drains a node, yielding progress until the scheduler ends the stream (drained, or its timeout).</summary>
    public async IAsyncEnumerable<DrainProgress> DrainNodeAsync(DrainNodeRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _channel.ServerStreaming(DrainNodeMethod, request, new CallOptions { CancellationToken = cancellationToken });
        await foreach (var item in call.ResponseStream.WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    public Task<NodeSummary> UncordonNodeAsync(string nodeId, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(UncordonNodeMethod, new UncordonNodeRequest { NodeId = nodeId }, new CallOptions { Deadline = _time.GetUtcNow() + UnaryTimeout, CancellationToken = cancellationToken });

    public void Dispose() => _channel.Dispose();
}
