using System.Collections.Concurrent;
using System.Diagnostics;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Scheduler.Tests.Api;

/// <summary>
/// RouteWatcher plays a router: it subscribes to WatchRoutes over the real API and keeps every
/// table it receives, with the Stopwatch timestamp of its arrival.
/// </summary>
internal sealed class RouteWatcher : IAsyncDisposable
{
    private readonly RpcChannel _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _watch;
    private readonly SemaphoreSlim _arrived = new(0);

    private RouteWatcher(RpcChannel channel, string routerId)
    {
        _channel = channel;
        _watch = Task.Run(() => WatchAsync(routerId, _stop.Token));
    }

    /// <summary>Every table received, in order, with when it arrived.</summary>
    public ConcurrentQueue<(RouteTable Table, long ArrivedAt)> Tables { get; } = new();

    public RouteTable? Latest => Tables.LastOrDefault().Table;

    /// <summary>The call's error, once the stream failed.</summary>
    public Exception? Failure { get; private set; }

    public static RouteWatcher Start(SchedulerTestHost host, string routerId, string token = SchedulerTestHost.NodeToken) =>
        new(host.Channel(token), routerId);

    /// <summary>Waits until a received table satisfies <paramref name="condition"/> and returns the first that does.</summary>
    public async Task<(RouteTable Table, long ArrivedAt)> WaitForAsync(Func<RouteTable, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)((timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            foreach (var entry in Tables)
            {
                if (condition(entry.Table))
                {
                    return entry;
                }
            }

            if (Failure is not null)
            {
                throw new InvalidOperationException($"the route watch failed while waiting for {what}", Failure);
            }

            var left = deadline - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                throw new TimeoutException($"timed out waiting for {what}; last table: {Latest}");
            }

            await _arrived.WaitAsync(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _watch;
        _channel.Dispose();
        _stop.Dispose();
        _arrived.Dispose();
    }

    private async Task WatchAsync(string routerId, CancellationToken cancellationToken)
    {
        try
        {
            using var call = _channel.ServerStreaming(Methods.WatchRoutes, new WatchRoutesRequest { RouterId = routerId }, new CallOptions { CancellationToken = cancellationToken });
            await foreach (var table in call.ResponseStream.WithCancellation(cancellationToken))
            {
                Tables.Enqueue((table, Stopwatch.GetTimestamp()));
                _arrived.Release();
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Disposed: the client reports its own cancellation as CANCELLED, which is the point.
        }
        catch (Exception ex)
        {
            Failure = ex;
            _arrived.Release();
        }
    }
}
