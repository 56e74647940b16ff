using System.Diagnostics;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Tests.Infrastructure;
using Xunit.Abstractions;

namespace MiniPaas.Scheduler.Tests.Api;

/// <summary>WatchRoutes against a real in-process scheduler, with <see cref="FakeAgent"/> playing the node.</summary>
public sealed class RouteDiscoveryApiTests : ApiTestBase
{
    private const int RouteTableDeliveredEventId = 403;

    private readonly ITestOutputHelper _output;

    public RouteDiscoveryApiTests(ITestOutputHelper output)
    {
        _output = output;
    }

    // Fake agents here do not heartbeat; a long TTL keeps their nodes ready however slow the machine.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["MiniPaas:NodeTtl"] = "00:01:00" };

    [Fact]
    public async Task WatchRoutes_NoApps_EmptyTableAtOnce()
    {
        await using var router = RouteWatcher.Start(Host, "router-1");

        var (table, _) = await router.WaitForAsync(_ => true, "the initial table");

        Assert.Empty(table.Apps);
    }

    [Fact]
    public async Task WatchRoutes_InstanceReportedRunning_AppearsWithNodeAddressAndPort()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        await using var router = RouteWatcher.Start(Host, "router-1");

        await SeedAppAsync("web", 2);

        var (table, _) = await router.WaitForAsync(t => Web(t)?.Destinations.Count == 2, "two destinations for web");
        var web = Web(table)!;
        Assert.Equal(["web.localhost"], web.Matches.Select(m => m.Host + m.PathPrefix));
        Assert.Equal([0, 1], web.Destinations.Select(d => d.Index));
        var detail = await GetAppAsync("web");
        Assert.Equal(detail.Instances.Select(i => (i.InstanceId, i.Address)), web.Destinations.Select(d => (d.InstanceId, d.Address)));
        Assert.All(web.Destinations, d => Assert.Matches(@"^127\.0\.0\.11:610\d\d$", d.Address));
        Assert.Equal("round_robin", web.LoadBalancing);
        Assert.True(router.Tables.Select(t => t.Table.Version).SequenceEqual(router.Tables.Select(t => t.Table.Version).Order()));
    }

    [Fact]
    public async Task WatchRoutes_InstanceCrashes_GoneFromTheNextTableThenBackAfterRestart()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        await using var router = RouteWatcher.Start(Host, "router-1");
        await SeedAppAsync("web", 2);
        var (running, _) = await router.WaitForAsync(t => Web(t)?.Destinations.Count == 2, "two destinations for web");
        var crashed = running.Apps.Single().Destinations[0].InstanceId;

        await agent.ReportAsync(crashed, InstanceState.Crashed, exitCode: 1);

        var (without, _) = await router.WaitForAsync(
            t => t.Version > running.Version && Web(t)!.Destinations.All(d => d.InstanceId != crashed), "a table without the crashed instance");
        Assert.Single(Web(without)!.Destinations);

        // The scheduler restarts the same instance; the agent reports it RUNNING again.
        var (back, _) = await router.WaitForAsync(t => t.Version > without.Version && Web(t)!.Destinations.Count == 2, "the restarted instance back");
        Assert.Contains(Web(back)!.Destinations, d => d.InstanceId == crashed);
    }

    [Fact]
    public async Task WatchRoutes_RunningReport_TableWrittenWellUnder100MsAndLoggedWithLatency()
    {
        // No watch loop: the test plays the agent and reports RUNNING itself, so it knows when it did.
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        await using var router = RouteWatcher.Start(Host, "router-1");
        await SeedAppAsync("web", 3);
        var pending = (await GetAppAsync("web")).Instances.Select(i => i.InstanceId).ToList();
        Assert.Equal(3, pending.Count);
        var (before, _) = await router.WaitForAsync(t => Web(t) is not null, "web in the table");
        var latencies = new List<double>();

        for (var i = 0; i < pending.Count; i++)
        {
            var sentAt = Stopwatch.GetTimestamp();
            await agent.ReportAsync(pending[i], InstanceState.Running, port: 61001 + i);
            var count = i + 1;
            var (table, arrivedAt) = await router.WaitForAsync(t => Web(t)?.Destinations.Count == count, $"{count} destinations");
            latencies.Add(Stopwatch.GetElapsedTime(sentAt, arrivedAt).TotalMilliseconds);
            Assert.True(table.Version > before.Version);
        }

        var logged = await Eventually.WaitAsync(
            () => Task.FromResult(Logs.WithEventId(RouteTableDeliveredEventId).Where(e => e.Properties["Cause"] is "report from node-1").ToList()),
            l => l.Count >= 3,
            "three delivery logs caused by node-1's reports");
        var serverSide = logged.Select(e => (double)e.Properties["LatencyMs"]!).ToList();
        _output.WriteLine($"report → router (client-side, incl. the ReportInstances reply): {string.Join(", ", latencies.Select(l => $"{l:0.0} ms"))}");
        _output.WriteLine($"report received → table written (scheduler log 403): {string.Join(", ", serverSide.Select(l => $"{l:0.00} ms"))}");
        Assert.All(logged, e => Assert.Equal("router-1", e.Properties["RouterId"]));

        // The target is well under 100 ms; the bound leaves room for a loaded 2-core CI machine.
        Assert.True(serverSide.Min() < 100, $"fastest report-to-router latency {serverSide.Min():0.0} ms");
        Assert.All(latencies, l => Assert.True(l < 1000, $"report-to-router latency {l:0.0} ms"));
    }

    [Fact]
    public async Task WatchRoutes_MapAndUnmap_TableFollows()
    {
        await SeedAppAsync("web", 0);
        await using var router = RouteWatcher.Start(Host, "router-1");
        var (initial, _) = await router.WaitForAsync(t => Web(t) is not null, "web in the table");

        await Admin.UnaryAsync(Methods.MapRoute, new MapRouteRequest { App = "web", Host = "www.example.com", PathPrefix = "/shop" }, Deadline());
        var (mapped, _) = await router.WaitForAsync(t => Web(t)?.Matches.Count == 2, "the mapped route");
        await Admin.UnaryAsync(Methods.UnmapRoute, new MapRouteRequest { App = "web", Host = "www.example.com", PathPrefix = "/shop" }, Deadline());
        var (unmapped, _) = await router.WaitForAsync(t => t.Version > mapped.Version, "the table after unmapping");

        Assert.Equal(["web.localhost", "www.example.com/shop"], Web(mapped)!.Matches.Select(m => m.Host + m.PathPrefix));
        Assert.Equal(["web.localhost"], Web(unmapped)!.Matches.Select(m => m.Host + m.PathPrefix));
        Assert.True(mapped.Version > initial.Version);
    }

    [Fact]
    public async Task WatchRoutes_SecondSubscriber_GetsTheFullCurrentTable()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        await SeedAppAsync("web", 2);
        await SeedAppAsync("api", 1);
        await using var first = RouteWatcher.Start(Host, "router-1");
        var (full, _) = await first.WaitForAsync(t => t.Apps.Sum(a => a.Destinations.Count) == 3, "three destinations");

        await using var second = RouteWatcher.Start(Host, "router-2");
        var (initial, _) = await second.WaitForAsync(_ => true, "the second router's first table");

        Assert.Equal(full, initial);
        Assert.Equal(["api", "web"], initial.Apps.Select(a => a.App));
    }

    [Fact]
    public async Task WatchRoutes_AppStoppedOrDeleted_DestinationsThenAppGone()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        await using var router = RouteWatcher.Start(Host, "router-1");
        await SeedAppAsync("web", 2);
        await router.WaitForAsync(t => Web(t)?.Destinations.Count == 2, "two destinations");

        await Admin.UnaryAsync(Methods.SetAppState, new SetAppStateRequest { App = "web", Started = false }, Deadline());
        var (stopped, _) = await router.WaitForAsync(t => Web(t) is { Destinations.Count: 0 }, "web without destinations");
        await Admin.UnaryAsync(Methods.DeleteApp, new DeleteAppRequest { App = "web" }, Deadline());

        await router.WaitForAsync(t => t.Version > stopped.Version && Web(t) is null, "web gone from the table");
    }

    [Fact]
    public async Task WatchRoutes_AdminOrWrongToken_AdminAcceptedWrongRefused()
    {
        await using var admin = RouteWatcher.Start(Host, "router-admin", SchedulerTestHost.AdminToken);
        await using var wrong = RouteWatcher.Start(Host, "router-wrong", "not-a-token");

        await admin.WaitForAsync(_ => true, "a table for the admin token");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => wrong.WaitForAsync(_ => true, "a table for a wrong token"));

        var rpc = Assert.IsType<RpcException>(error.InnerException);
        Assert.Equal(StatusCode.Unauthenticated, rpc.StatusCode);
        Assert.Equal("invalid node token", rpc.Detail);
    }

    [Fact]
    public async Task WatchRoutes_SchedulerRestart_VersionsKeepIncreasingAndDestinationsStay()
    {
        await using (var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000))
        {
            await agent.RegisterAsync();
            agent.StartWatching();
            await SeedAppAsync("web", 2);
            await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 2, "two running instances");
        }

        long before;
        await using (var router = RouteWatcher.Start(Host, "router-1"))
        {
            before = (await router.WaitForAsync(t => Web(t)?.Destinations.Count == 2, "two destinations")).Table.Version;
        }

        await RestartHostAsync();

        await using var again = RouteWatcher.Start(Host, "router-1");
        var (first, _) = await again.WaitForAsync(_ => true, "the first table after the restart");
        Assert.True(first.Version >= before, $"version {first.Version} after the restart is below {before}");
        Assert.Equal(2, Web(first)!.Destinations.Count);

        await Admin.UnaryAsync(Methods.MapRoute, new MapRouteRequest { App = "web", Host = "www.localhost" }, Deadline());
        var (changed, _) = await again.WaitForAsync(t => Web(t)?.Matches.Count == 2, "the mapped route after the restart");
        Assert.True(changed.Version > before);
    }

    private static AppRoute? Web(RouteTable table) => table.Apps.SingleOrDefault(a => a.App == "web");
}
