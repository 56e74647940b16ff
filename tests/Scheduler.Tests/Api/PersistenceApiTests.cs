using MiniPaas.Contracts.V1;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Store;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Api;

public sealed class PersistenceApiTests : ApiTestBase
{
    // Long enough that a slow test machine never loses a node by accident; the downtime below is longer.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["MiniPaas:NodeTtl"] = "00:00:30" };

    [Fact]
    public async Task Restart_DowntimeLongerThanNodeTtl_RunningInstancesNeitherLostNorDuplicated()
    {
        Dictionary<string, int> ports;
        List<string> idsBefore;
        await using (var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000))
        {
            await agent.RegisterAsync();
            agent.StartWatching();
            await SeedAppAsync("web", 3);
            var running = await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 3, "three running instances");
            idsBefore = running.Instances.Select(i => i.InstanceId).ToList();
            ports = agent.Running.ToDictionary(p => p.Key, p => p.Value.Port);
        }

        // The scheduler stays down for an hour: the node's last heartbeat is far older than NodeTtl.
        await RestartHostAsync(whileStopped: () =>
        {
            var store = SchedulerStore.Open(Data.Path);
            store.Write(tx =>
            {
                foreach (var node in tx.ListNodes())
                {
                    tx.UpsertNode(node with { LastHeartbeat = DateTimeOffset.UtcNow.AddHours(-1) });
                }
            });
        });

        // Passes before the agent is back: the node gets a fresh TTL, nothing is lost, replaced or restarted.
        var reconciliation = Host.Service<ReconciliationService>();
        Assert.False((await reconciliation.ReconcileNowAsync(CancellationToken.None)).HasChanges);
        Assert.False((await reconciliation.ReconcileNowAsync(CancellationToken.None)).HasChanges);
        var node = Assert.Single((await Admin.UnaryAsync(Methods.ListNodes, new ListNodesRequest(), Deadline())).Nodes);
        Assert.Equal("ready", node.State);
        var waiting = await GetAppAsync("web");
        Assert.Equal(idsBefore, waiting.Instances.Select(i => i.InstanceId));
        Assert.All(waiting.Instances, i => Assert.Equal(InstanceState.Running, i.State));
        await using (var router = RouteWatcher.Start(Host, "router-1"))
        {
            var (table, _) = await router.WaitForAsync(_ => true, "the route table after the restart");
            Assert.Equal(idsBefore.Order(), table.Apps.Single().Destinations.Select(d => d.InstanceId).Order());
        }

        // The agent re-registers with what it runs: all adopted on the same ports, none restarted or added.
        await using var returning = new FakeAgent(Host, "node-1", "127.0.0.11", 62000);
        await returning.RegisterAsync(ports.Select(p => new InstanceReport { InstanceId = p.Key, State = InstanceState.Running, Port = p.Value }));
        returning.StartWatching();
        var set = await Eventually.WaitAsync(() => Task.FromResult(returning.Latest), s => s is not null, "the assignment set after the restart");
        Assert.Equal(idsBefore.Order(), set!.Assignments.Select(a => a.InstanceId).Order());
        Assert.All(set.Assignments, a => Assert.Equal(0, a.RestartGeneration));
        var after = await GetAppAsync("web");
        Assert.Equal(idsBefore, after.Instances.Select(i => i.InstanceId));
        Assert.All(after.Instances, i => Assert.Equal((InstanceState.Running, 0, $"127.0.0.11:{ports[i.InstanceId]}"), (i.State, i.Restarts, i.Address)));
        var kinds = (await Admin.UnaryAsync(Methods.ListEvents, new ListEventsRequest(), Deadline())).Events.Select(e => e.Kind).ToList();
        Assert.DoesNotContain("node.lost", kinds);
        Assert.DoesNotContain("instance.lost", kinds);
        Assert.DoesNotContain("instance.restarted", kinds);
    }

    [Fact]
    public async Task Restart_SameDataDirectory_KeepsAppsReleasesAndInstanceIds()
    {
        Dictionary<string, int> ports;
        List<string> idsBefore;
        await using (var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000))
        {
            await agent.RegisterAsync();
            agent.StartWatching();
            await SeedAppAsync("web", 3);
            var running = await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 3, "three running instances");
            idsBefore = running.Instances.Select(i => i.InstanceId).ToList();
            ports = agent.Running.ToDictionary(p => p.Key, p => p.Value.Port);
        }

        await RestartHostAsync();

        var after = await GetAppAsync("web");
        Assert.Equal(idsBefore, after.Instances.Select(i => i.InstanceId));
        Assert.Equal(3, after.Summary.RunningInstances);
        Assert.Equal(1, after.Release.Version);
        Assert.Single((await Admin.UnaryAsync(Methods.ListReleases, new ListReleasesRequest { App = "web" }, Deadline())).Releases);

        // The agent re-registers with what it runs: everything is adopted, nothing restarted or replaced.
        await using var returning = new FakeAgent(Host, "node-1", "127.0.0.11", 62000);
        await returning.RegisterAsync(ports.Select(p => new InstanceReport { InstanceId = p.Key, State = InstanceState.Running, Port = p.Value }));
        returning.StartWatching();
        var set = await Eventually.WaitAsync(() => Task.FromResult(returning.Latest), s => s is not null, "the assignment set after restart");
        Assert.Equal(idsBefore.Order(), set!.Assignments.Select(a => a.InstanceId).Order());
        Assert.All(set.Assignments, a => Assert.Equal(0, a.RestartGeneration));
        var adopted = await GetAppAsync("web");
        Assert.Equal(idsBefore, adopted.Instances.Select(i => i.InstanceId));
        Assert.All(adopted.Instances, i => Assert.Equal($"127.0.0.11:{ports[i.InstanceId]}", i.Address));
    }
}
