using System.Diagnostics;
using Microsoft.Extensions.Logging;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Reconciliation;

namespace MiniPaas.Scheduler.Routes;

/// <summary>
/// RouteDiscoveryService implements <c>minipaas.v1.RouteDiscovery</c>: a router subscribes once and
/// gets the complete table at once and again after every change. Nothing polls: the table is
/// computed in the transactions that change it and pushed through <see cref="RouteTablePublisher"/>.
/// </summary>
internal sealed class RouteDiscoveryService
{
    private const int MaxRouterIdLength = 128;

    private readonly RouteTablePublisher _publisher;
    private readonly ReconciliationService _reconciliation;
    private readonly ILogger<RouteDiscoveryService> _logger;

    public RouteDiscoveryService(RouteTablePublisher publisher, ReconciliationService reconciliation, ILogger<RouteDiscoveryService> logger)
    {
        _publisher = publisher;
        _reconciliation = reconciliation;
        _logger = logger;
    }

    public async Task WatchRoutes(WatchRoutesRequest request, IServerStreamWriter<RouteTable> responses, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (request.RouterId.Length > MaxRouterIdLength || request.RouterId.Any(char.IsControl))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"router_id must be at most {MaxRouterIdLength} printable characters");
        }

        var routerId = request.RouterId.Length > 0 ? request.RouterId : context.Peer;
        using var subscription = _publisher.Subscribe();
        SchedulerLog.RouterWatchStarted(_logger, routerId);
        try
        {
            // Only before the first pass after start-up is there no table yet; run one rather than wait.
            if (_publisher.Latest is null)
            {
                await _reconciliation.ReconcileNowAsync(cancellationToken);
            }

            var first = true;
            await foreach (var snapshot in subscription.Tables.ReadAllAsync(cancellationToken))
            {
                await responses.WriteAsync(snapshot.Table, cancellationToken);
                if (!first)
                {
                    var latency = Stopwatch.GetElapsedTime(snapshot.CausedAt);
                    SchedulerLog.RouteTableDelivered(_logger, snapshot.Version, routerId, Math.Round(latency.TotalMilliseconds, 2), snapshot.Cause);
                }
                else
                {
                    SchedulerLog.RouteTableSentOnSubscribe(_logger, snapshot.Version, routerId, snapshot.Table.Apps.Count, snapshot.DestinationCount);
                    first = false;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The router disconnected: a normal end of the watch.
        }
        finally
        {
            SchedulerLog.RouterWatchEnded(_logger, routerId);
        }
    }
}
