using System.Net;
using MiniPaas.EndToEnd.Tests.Platform;

namespace MiniPaas.EndToEnd.Tests.Recovery;

/// <summary>
/// Graceful evacuation with the real platform: draining a node under load starts replacements on
/// the other node before the old instances stop, so no request fails, and uncordoning makes the
/// node take placements again.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class DrainTests(PlatformFixture platform) : IAsyncLifetime
{
    // Small quotas: the fixture is shared, and while node-1 drains node-2 must fit everything.
    private const string Memory = "32M";
    private const string Disk = "64M";
    private const string App = "drain-web";

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Later tests in the collection expect both nodes to take placements.
        await platform.RunCliAsync("uncordon-node", "node-1");
        await platform.RunCliAsync("delete", App, "-f");
    }

    [Fact]
    public async Task DrainNode_UnderLoad_NoFailedRequestAndEveryInstanceOnTheOtherNode()
    {
        var sample = Path.Combine(platform.RepoRoot, "samples", "hello");
        (await platform.RunCliAsync("push", App, "-p", sample, "-i", "2", "-m", Memory, "-k", Disk)).EnsureSuccess();
        var before = await platform.WaitForRunningAsync(App, 2);
        await Eventually.UntilAsync(
            () => platform.GetViaRouterAsync($"{App}.localhost"),
            r => r.Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10),
            $"{App} to be routed");
        Assert.Contains(before.Running, i => i.NodeId == "node-1");

        var load = SteadyLoad.Start(platform, $"{App}.localhost");
        await load.WaitForRequestsAsync(50);
        var drain = await platform.RunCliAsync("drain-node", "node-1", "--timeout", "90");
        await load.WaitForRequestsAsync(load.Requests + 50);
        var result = await load.StopAsync();

        drain.EnsureSuccess();
        Assert.Contains("node node-1 drained", drain.Stdout + drain.Stderr, StringComparison.Ordinal);
        Assert.True(result.Failures.Count == 0, result.ToString());
        var after = await platform.GetAppAsync(App);
        Assert.Equal(2, after.Running.Count());
        Assert.All(after.Instances, i => Assert.Equal("node-2", i.NodeId));
        var nodes = await platform.RunJsonAsync("nodes");
        Assert.Contains(nodes.GetProperty("nodes").EnumerateArray(), n => n.GetProperty("nodeId").GetString() == "node-1" && n.GetProperty("state").GetString() == "draining");
        var events = (await platform.RunJsonAsync("events", "-n", "200")).GetProperty("events").EnumerateArray().Select(EventView.Parse).ToList();
        Assert.Contains(events, e => e.Kind == "node.draining" && e.NodeId == "node-1");
        Assert.Contains(events, e => e.Kind == "node.drained" && e.NodeId == "node-1");

        var uncordoned = await platform.RunJsonAsync("uncordon-node", "node-1");
        Assert.Equal("ready", uncordoned.GetProperty("state").GetString());
    }
}
