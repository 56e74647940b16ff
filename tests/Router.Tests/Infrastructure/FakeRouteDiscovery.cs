using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Router.Tests.Infrastructure;

/// <summary>RouteDiscovery as the scheduler serves it: the full table first, then the full table on every change.</summary>
internal sealed class FakeRouteDiscovery
{
    private readonly RouteTablePublisher _publisher;

    public FakeRouteDiscovery(RouteTablePublisher publisher)
    {
        _publisher = publisher;
    }

    public async Task WatchRoutes(WatchRoutesRequest request, IServerStreamWriter<RouteTable> responses, ServerCallContext context)
    {
        var (initial, updates, unsubscribe) = _publisher.Subscribe(request.RouterId);
        try
        {
            await responses.WriteAsync(initial, context.CancellationToken);
            await foreach (var table in updates.ReadAllAsync(context.CancellationToken))
            {
                await responses.WriteAsync(table, context.CancellationToken);
            }
        }
        finally
        {
            unsubscribe();
        }
    }
}
