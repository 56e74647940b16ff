using System.Net;
using MiniPaas.EndToEnd.Tests.Platform;

namespace MiniPaas.EndToEnd.Tests.Routing;

/// <summary>
/// The router issue's promises with the real router, scheduler, agents and containers: round-robin,
/// new instances take traffic once healthy, a killed instance costs no request, extra routes, and
/// serving on while the controller is down.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RoutingTests(PlatformFixture platform)
{
    private const int SigKill = 9;

    [Fact]
    public async Task Router_ThreeInstances_RoundRobinsAndSendsTrafficToANewInstanceOnceHealthy()
    {
        await PushAsync("rr", instances: 3);

        var seen = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var (status, body) = await platform.GetViaRouterAsync("rr.localhost");
            Assert.Equal(HttpStatusCode.OK, status);
            seen.Add(InstanceOf(body));
        }

        // Round-robin over three healthy destinations: every instance gets its share.
        var counts = seen.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["0", "1", "2"], counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, 8, 12));

        (await platform.RunCliAsync("scale", "rr", "-i", "4")).EnsureSuccess();
        await platform.WaitForRunningAsync("rr", 4);
        await Eventually.UntilAsync(
            async () => InstanceOf((await platform.GetViaRouterAsync("rr.localhost")).Body),
            instance => instance == "3",
            TimeSpan.FromSeconds(10),
            "the new instance #3 to receive traffic");
    }

    [Fact]
    public async Task Router_InstanceKilledDuringLoad_NoRequestFails()
    {
        var app = await PushAsync("chaos", instances: 3);
        var victim = (await platform.ContainersOfAsync("chaos")).First();
        var killed = 0;

        var load = await BoundedLoad.RunAsync(platform, "chaos.localhost", requests: 3000, concurrency: 8, async n =>
        {
            if (n == 500 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                await platform.Docker.KillContainerAsync(victim.Id);
            }
        });

        Assert.Equal(1, killed);
        Assert.True(load.Failures.Count == 0, load.ToString());
        Assert.Equal(3000, load.Succeeded);

        // And the platform replaces the killed instance.
        await Eventually.UntilAsync(
            () => platform.GetAppAsync("chaos"),
            a => a.Running.Count() == 3 && a.Instances.Sum(i => i.Restarts) >= 1,
            TimeSpan.FromSeconds(60),
            "the killed instance to be restarted");
        Assert.Equal(3, app.Running.Count());
    }

    [Fact]
    public async Task MapRoute_ExtraHostAndPathPrefix_RoutedUntilUnmapped()
    {
        await PushAsync("routes", instances: 1);

        (await platform.RunCliAsync("map-route", "routes", "extra.localhost")).EnsureSuccess();
        (await platform.RunCliAsync("map-route", "routes", "paths.localhost", "--path", "/health")).EnsureSuccess();

        var extra = await Eventually.UntilAsync(() => platform.GetViaRouterAsync("extra.localhost"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "extra.localhost to be routed");
        Assert.StartsWith("hello from routes instance 0", extra.Body, StringComparison.Ordinal);
        await Eventually.UntilAsync(() => platform.GetViaRouterAsync("paths.localhost", "/health"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "paths.localhost/health to be routed");
        var outsidePrefix = await platform.GetViaRouterAsync("paths.localhost", "/");
        Assert.Equal(HttpStatusCode.NotFound, outsidePrefix.Status);

        var routes = (await platform.RunCliAsync("routes", "routes")).EnsureSuccess();
        Assert.Contains("extra.localhost", routes.Stdout, StringComparison.Ordinal);

        (await platform.RunCliAsync("unmap-route", "routes", "extra.localhost")).EnsureSuccess();
        var gone = await Eventually.UntilAsync(() => platform.GetViaRouterAsync("extra.localhost"), r => r.Status == HttpStatusCode.NotFound, TimeSpan.FromSeconds(10), "extra.localhost to be unrouted");
        Assert.Contains("extra.localhost", gone.Body, StringComparison.Ordinal);

        var unknown = await platform.GetViaRouterAsync("nobody.localhost");
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("nobody.localhost", unknown.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Router_ControllerKilled_KeepsServingTheLastTable()
    {
        await PushAsync("steady", instances: 2);
        await platform.SignalAndWaitAsync("scheduler", SigKill, TimeSpan.FromSeconds(30));
        try
        {
            var load = await BoundedLoad.RunAsync(platform, "steady.localhost", requests: 300, concurrency: 4);
            Assert.True(load.Failures.Count == 0, load.ToString());
        }
        finally
        {
            await platform.UpAsync();
        }

        // Back up: the controller answers and the router still serves.
        await platform.WaitForRunningAsync("steady", 2);
        var (status, _) = await platform.GetViaRouterAsync("steady.localhost");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    private async Task<AppView> PushAsync(string app, int instances)
    {
        var sample = Path.Combine(platform.RepoRoot, "samples", "hello");
        (await platform.RunCliAsync("push", app, "-p", sample, "-i", instances.ToString(), "-m", "32M")).EnsureSuccess();
        var view = await platform.WaitForRunningAsync(app, instances);

        // Running means healthy; the router learns it from the route stream within moments.
        await Eventually.UntilAsync(
            () => platform.GetViaRouterAsync($"{app}.localhost"),
            r => r.Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10),
            $"{app} to be routed");
        return view;
    }

    private static string InstanceOf(string body)
    {
        // "hello from APP instance N on port P"
        var words = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words[Array.IndexOf(words, "instance") + 1];
    }
}
