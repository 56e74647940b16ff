using MiniPaas.Cli.Api;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Demo;

/// <summary>
/// AppStateRecorder follows WatchApp and keeps every app detail the controller sent with the time
/// it arrived, so the demo can say when the platform noticed a kill and when the replacement ran.
/// </summary>
internal sealed class AppStateRecorder : IAsyncDisposable
{
    private readonly List<(double AtMs, AppDetail Detail)> _snapshots = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _follow;

    public AppStateRecorder(ControllerClient controller, string app, Func<double> elapsedMs)
    {
        _follow = Task.Run(async () =>
        {
            try
            {
                await foreach (var detail in controller.WatchAppAsync(app, _stop.Token))
                {
                    lock (_snapshots)
                    {
                        _snapshots.Add((elapsedMs(), detail));
                    }
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && _stop.IsCancellationRequested)
            {
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
            }
        });
    }

    /// <summary>The first snapshot at or after <paramref name="afterMs"/> that satisfies <paramref name="condition"/>.</summary>
    public (double AtMs, AppDetail Detail)? First(double afterMs, Func<AppDetail, bool> condition)
    {
        lock (_snapshots)
        {
            foreach (var snapshot in _snapshots)
            {
                if (snapshot.AtMs >= afterMs && condition(snapshot.Detail))
                {
                    return snapshot;
                }
            }
        }

        return null;
    }

    /// <summary>The newest detail, if any arrived.</summary>
    public AppDetail? Latest
    {
        get
        {
            lock (_snapshots)
            {
                return _snapshots.Count == 0 ? null : _snapshots[^1].Detail;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _follow;
        _stop.Dispose();
    }
}
