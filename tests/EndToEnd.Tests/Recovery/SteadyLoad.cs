using System.Collections.Concurrent;
using MiniPaas.EndToEnd.Tests.Platform;

namespace MiniPaas.EndToEnd.Tests.Recovery;

/// <summary>
/// SteadyLoad keeps a few workers sending GETs through the router until the test has done what it
/// wanted under load (a kill, a deploy, a restart) and calls <see cref="StopAsync"/>. Unlike
/// <see cref="BoundedLoad"/> it is bounded by the disruption, not by a request count, so a slow
/// disruption cannot outlast the load; <paramref name="maxDuration"/> caps it anyway.
/// </summary>
public sealed class SteadyLoad
{
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _workers;
    private int _requests;
    private int _succeeded;

    private SteadyLoad(PlatformFixture platform, string host, int concurrency, TimeSpan maxDuration)
    {
        _stop.CancelAfter(maxDuration);
        _workers = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => WorkerAsync(platform, host))));
    }

    public int Requests => Volatile.Read(ref _requests);

    public static SteadyLoad Start(PlatformFixture platform, string host, int concurrency = 4, TimeSpan? maxDuration = null) =>
        new(platform, host, concurrency, maxDuration ?? TimeSpan.FromMinutes(4));

    /// <summary>Waits until at least <paramref name="count"/> requests were sent, so a disruption lands mid-load.</summary>
    public Task WaitForRequestsAsync(int count) =>
        Eventually.UntilAsync(() => Task.FromResult(Requests), n => n >= count, TimeSpan.FromSeconds(60), $"{count} requests through the router");

    public async Task<LoadResult> StopAsync()
    {
        await _stop.CancelAsync();
        await _workers;
        return new LoadResult(_requests, _succeeded, _failures.ToList());
    }

    private async Task WorkerAsync(PlatformFixture platform, string host)
    {
        while (!_stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _requests);
            try
            {
                // Each request gets its own deadline: stopping the load must not fail the request in flight.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                var (status, body) = await platform.GetViaRouterAsync(host, "/", timeout.Token);
                if ((int)status is >= 200 and < 300)
                {
                    Interlocked.Increment(ref _succeeded);
                }
                else
                {
                    _failures.Enqueue($"#{n}: {(int)status} {body.Trim()}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                _failures.Enqueue($"#{n}: {e.GetType().Name} {e.Message}");
            }
        }
    }
}
