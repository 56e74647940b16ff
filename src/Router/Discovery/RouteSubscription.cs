using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Router.Hosting;
using MiniPaas.Router.Logging;
using MiniPaas.Router.Routing;
using MiniPaas.Rpc;

namespace MiniPaas.Router.Discovery;

/// <summary>
/// Keeps the route table in sync with the scheduler: watches <c>RouteDiscovery.WatchRoutes</c> and applies
/// every table it sends. When the stream breaks (scheduler down or restarting) the last table stays in effect
/// and the router reconnects with capped backoff; the first table on a new stream resynchronises it.
/// With a state file, the last table also survives a router restart while the scheduler is down.
/// </summary>
internal sealed class RouteSubscription : BackgroundService
{
    internal static readonly Method<WatchRoutesRequest, RouteTable> WatchRoutes =
        Method<WatchRoutesRequest, RouteTable>.From(
            RoutesReflection.Descriptor.FindTypeByName<ProtoServiceDescriptor>("RouteDiscovery"),
            "WatchRoutes");

    private readonly RouteTableStore _store;
    private readonly RouterOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<RouteSubscription> _logger;
    private readonly RouteTableStateFile? _stateFile;

    public RouteSubscription(RouteTableStore store, IOptions<RouterOptions> options, TimeProvider timeProvider, ILogger<RouteSubscription> logger)
    {
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _stateFile = string.IsNullOrWhiteSpace(_options.StateFile) ? null : new RouteTableStateFile(_options.StateFile);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the app port opens, so a restarted router serves the saved table from its first request.
        await LoadStateFileAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var address = _options.SchedulerAddress;
        var routerId = _options.EffectiveRouterId;
        using var channel = new RpcChannel(new Uri(address), new RpcChannelOptions { BearerToken = _options.Token });
        var backoff = new ReconnectBackoff(_options.ReconnectInitialDelay, _options.ReconnectMaxDelay);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await WatchAsync(channel, routerId, backoff, stoppingToken);
                var delay = backoff.Next();
                RouterLog.SchedulerStreamEnded(_logger, address, _store.Current.Table.Version, delay);
                _store.SchedulerConnected = false;
                await Task.Delay(delay, _timeProvider, stoppingToken);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // Shutting down: the call ends as cancelled (OperationCanceledException or RpcException CANCELLED).
                break;
            }
            catch (Exception ex)
            {
                _store.SchedulerConnected = false;
                var delay = backoff.Next();
                var (status, detail) = ex is RpcException rpc ? (rpc.StatusCode.ToString(), rpc.Detail) : (ex.GetType().Name, ex.Message);
                if (ex is RpcException { StatusCode: StatusCode.Unauthenticated or StatusCode.PermissionDenied })
                {
                    RouterLog.SchedulerRejectedCredentials(_logger, address, status, detail, delay);
                }
                else
                {
                    RouterLog.SchedulerUnavailable(_logger, address, status, detail, _store.Current.Table.Version, delay);
                }

                try
                {
                    await Task.Delay(delay, _timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        _store.SchedulerConnected = false;
    }

    private async Task WatchAsync(RpcChannel channel, string routerId, ReconnectBackoff backoff, CancellationToken cancellationToken)
    {
        using var call = channel.ServerStreaming(WatchRoutes, new WatchRoutesRequest { RouterId = routerId }, new CallOptions { CancellationToken = cancellationToken });
        var first = true;
        await foreach (var table in call.ResponseStream.WithCancellation(cancellationToken))
        {
            var previous = _store.Current;
            if (!first && table.Version < previous.Table.Version)
            {
                RouterLog.RouteTableVersionWentBack(_logger, table.Version, previous.Table.Version);
            }

            // Every table is complete, so applying it (the first one on a new stream included) resynchronises.
            _store.Apply(table, RouteTableSource.Scheduler);
            if (first)
            {
                first = false;
                _store.SchedulerConnected = true;
                backoff.Reset();
                RouterLog.SchedulerConnected(_logger, _options.SchedulerAddress, routerId, table.Version);
            }

            await SaveStateFileAsync(table, cancellationToken);
        }
    }

    private async Task LoadStateFileAsync(CancellationToken cancellationToken)
    {
        if (_stateFile is null || _store.Current.Source != RouteTableSource.None)
        {
            return;
        }

        try
        {
            if (await _stateFile.LoadAsync(cancellationToken) is { } table)
            {
                _store.Apply(table, RouteTableSource.StateFile);
                RouterLog.RouteTableLoadedFromStateFile(_logger, table.Version, _stateFile.Path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Google.Protobuf.InvalidProtocolBufferException or Google.Protobuf.InvalidJsonException or FormatException)
        {
            RouterLog.StateFileUnreadable(_logger, _stateFile.Path, ex);
        }
    }

    private async Task SaveStateFileAsync(RouteTable table, CancellationToken cancellationToken)
    {
        if (_stateFile is null)
        {
            return;
        }

        try
        {
            await _stateFile.SaveAsync(table, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            RouterLog.StateFileWriteFailed(_logger, table.Version, _stateFile.Path, ex);
        }
    }
}
