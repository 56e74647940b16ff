using MiniPaas.Contracts.V1;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Api;

/// <summary>WatchRoutes when a node falls silent: its instances leave the table when it is declared lost.</summary>
public sealed class RouteDiscoveryNodeLossApiTests : ApiTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["MiniPaas:NodeTtl"] = "00:00:01.500",
        ["MiniPaas:HeartbeatInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task WatchRoutes_NodeLost_ItsInstancesLeaveAndReplacementsJoin()
    {
        await using var node1 = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await using var node2 = new FakeAgent(Host, "node-2", "127.0.0.12", 61500);
        await node1.RegisterAsync();
        await node2.RegisterAsync();
        node1.StartWatching();
        node2.StartWatching();
        using var beats1 = new CancellationTokenSource();
        using var beats2 = new CancellationTokenSource();
        var beating1 = HeartbeatAsync(node1, beats1.Token);
        var beating2 = HeartbeatAsync(node2, beats2.Token);
        await using var router = RouteWatcher.Start(Host, "router-1");
        try
        {
            await SeedAppAsync("web", 4);
            var (spread, _) = await router.WaitForAsync(t => Destinations(t).Count == 4, "four destinations");
            Assert.Contains(Destinations(spread), d => d.Address.StartsWith("127.0.0.11:", StringComparison.Ordinal));

            await beats1.CancelAsync();

            var (moved, _) = await router.WaitForAsync(
                t => Destinations(t).Count == 4 && Destinations(t).All(d => d.Address.StartsWith("127.0.0.12:", StringComparison.Ordinal)),
                "all four destinations on node-2");
            var lostAt = router.Tables.First(e => e.Table.Version > spread.Version && Destinations(e.Table).All(d => !d.Address.StartsWith("127.0.0.11:", StringComparison.Ordinal)));

            // node-1's instances left the table no later than their replacements joined it.
            Assert.True(lostAt.Table.Version <= moved.Version);
            Assert.DoesNotContain(Destinations(moved), d => Destinations(spread).Any(s => s.Address.StartsWith("127.0.0.11:", StringComparison.Ordinal) && s.InstanceId == d.InstanceId));
        }
        finally
        {
            await beats1.CancelAsync();
            await beats2.CancelAsync();
            await Task.WhenAll(beating1, beating2);
        }
    }

    private static IReadOnlyList<RouteDestination> Destinations(RouteTable table) =>
        table.Apps.SingleOrDefault(a => a.App == "web")?.Destinations.ToList() ?? [];

    private static async Task HeartbeatAsync(FakeAgent agent, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await agent.HeartbeatAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping the heartbeats is the point.
        }
    }
}
