using MiniPaas.Contracts.V1;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Api;

public sealed class PersistenceApiTests : ApiTestBase
{
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
