using System.Collections.Concurrent;

namespace MiniPaas.EndToEnd.Tests.Platform;

/// <summary>
/// BoundedLoad sends a fixed number of GETs through the router with a few concurrent workers and
/// stops by itself; <paramref name="onProgress"/> lets a test act (kill an instance) mid-load.
/// </summary>
public static class BoundedLoad
{
    public static async Task<LoadResult> RunAsync(PlatformFixture platform, string host, int requests, int concurrency, Func<int, Task>? onProgress = null)
    {
        var failures = new ConcurrentQueue<string>();
        var next = 0;
        var succeeded = 0;
        using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        async Task WorkerAsync()
        {
            while (true)
            {
                var n = Interlocked.Increment(ref next);
                if (n > requests)
                {
                    return;
                }

                try
                {
                    var (status, body) = await platform.GetViaRouterAsync(host, "/", overall.Token);
                    if ((int)status is >= 200 and < 300)
                    {
                        Interlocked.Increment(ref succeeded);
                    }
                    else
                    {
                        failures.Enqueue($"#{n}: {(int)status} {body.Trim()}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failures.Enqueue($"#{n}: {e.GetType().Name} {e.Message}");
                }

                if (onProgress is not null)
                {
                    await onProgress(n);
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        return new LoadResult(requests, succeeded, failures.ToList());
    }
}
