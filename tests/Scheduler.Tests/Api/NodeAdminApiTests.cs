using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Api;

public sealed class NodeAdminApiTests : ApiTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // The fake agents do not heartbeat; the drain must finish long before a node counts as lost.
        ["MiniPaas:NodeTtl"] = "00:05:00",
    };

    [Fact]
    public async Task DrainNode_TwoNodes_InstancesMoveAndStreamEndsWhenNodeIsEmpty()
    {
        await using var node1 = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await using var node2 = new FakeAgent(Host, "node-2", "127.0.0.12", 61500);
        await node1.RegisterAsync();
        await node2.RegisterAsync();
        node1.StartWatching();
        node2.StartWatching();
        await SeedAppAsync("web", 4);
        var before = await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 4, "four instances running");
        Assert.Contains(before.Instances, i => i.NodeId == "node-1");

        using var call = Admin.ServerStreaming(Methods.DrainNode, new DrainNodeRequest { NodeId = "node-1", TimeoutSeconds = 30 }, Deadline(60));
        var progress = new List<DrainProgress>();
        await foreach (var item in call.ResponseStream)
        {
            progress.Add(item);
        }

        Assert.True(progress[^1].Done);
        Assert.Equal(0, progress[^1].Remaining);
        var after = await GetAppAsync("web");
        Assert.Equal(4, after.Summary.RunningInstances);
        Assert.All(after.Instances, i => Assert.Equal("node-2", i.NodeId));
        Assert.Equal([0, 1, 2, 3], after.Instances.Select(i => i.Index).Order());
        Assert.Empty(node1.Running);
        var nodes = (await Admin.UnaryAsync(Methods.ListNodes, new ListNodesRequest(), Deadline())).Nodes;
        Assert.Equal("draining", nodes.Single(n => n.NodeId == "node-1").State);
        var kinds = (await Admin.UnaryAsync(Methods.ListEvents, new ListEventsRequest(), Deadline())).Events.Select(e => e.Kind).ToList();
        Assert.Contains("node.draining", kinds);
        Assert.Contains("node.drained", kinds);

        // Draining survives the agent registering again, and scaling up places nothing on it.
        await node1.RegisterAsync();
        await Admin.UnaryAsync(Methods.Scale, new ScaleRequest { App = "web", Instances = 5 }, Deadline());
        var scaled = await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 5, "five instances running");
        Assert.All(scaled.Instances, i => Assert.Equal("node-2", i.NodeId));

        var ready = await Admin.UnaryAsync(Methods.UncordonNode, new UncordonNodeRequest { NodeId = "node-1" }, Deadline());
        Assert.Equal("ready", ready.State);
        await Admin.UnaryAsync(Methods.Scale, new ScaleRequest { App = "web", Instances = 6 }, Deadline());
        var spread = await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 6, "six instances running");
        Assert.Contains(spread.Instances, i => i.NodeId == "node-1");
    }

    [Fact]
    public async Task DrainNode_UnknownOrInvalidNode_ErrorNamesTheNode()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = Admin.ServerStreaming(Methods.DrainNode, new DrainNodeRequest { NodeId = "node-9" }, Deadline());
            await foreach (var unused in call.ResponseStream)
            {
            }
        });
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.UncordonNode, new UncordonNodeRequest { NodeId = "bad id!" }, Deadline()));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("'node-9'", unknown.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("'bad id!'", invalid.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrainNode_NoOtherNode_DeadlineExceededNamingWhatIsLeft()
    {
        await using var node1 = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await node1.RegisterAsync();
        node1.StartWatching();
        await SeedAppAsync("web", 1);
        await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 1, "the instance running");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = Admin.ServerStreaming(Methods.DrainNode, new DrainNodeRequest { NodeId = "node-1", TimeoutSeconds = 1 }, Deadline());
            await foreach (var unused in call.ResponseStream)
            {
            }
        });

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("web[0] running", error.Detail, StringComparison.Ordinal);
        var detail = await GetAppAsync("web");
        Assert.Equal(1, detail.Summary.RunningInstances);
    }
}
