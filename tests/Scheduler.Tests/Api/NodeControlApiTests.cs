using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Api;

public sealed class NodeControlApiTests : ApiTestBase
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["MiniPaas:NodeTtl"] = "00:00:01.500",
        ["MiniPaas:HeartbeatInterval"] = "00:00:00.200",
        ["MiniPaas:RegistryToken"] = "registry-secret",
    };

    [Fact]
    public async Task Register_NodeToken_ReturnsHeartbeatAndRegistrySettings()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);

        var reply = await agent.RegisterAsync();

        Assert.Equal(200, reply.HeartbeatIntervalMillis);
        Assert.Equal("127.0.0.1:5000", reply.RegistryAddress);
        Assert.Equal("registry-secret", reply.RegistryToken);
        var node = Assert.Single((await Admin.UnaryAsync(Methods.ListNodes, new ListNodesRequest(), Deadline())).Nodes);
        Assert.Equal(("node-1", "127.0.0.11", "ready"), (node.NodeId, node.Address, node.State));
        Assert.Equal("test", node.Labels["role"]);
    }

    [Fact]
    public async Task Register_InvalidRequest_InvalidArgumentNamingTheProblem()
    {
        using var channel = Host.Channel(SchedulerTestHost.NodeToken);

        var noCapacity = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            Methods.Register, new RegisterRequest { NodeId = "node-1", Address = "127.0.0.11" }, Deadline()));
        var badId = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            Methods.Register, new RegisterRequest { NodeId = "bad id!", Address = "127.0.0.11" }, Deadline()));

        Assert.Equal(StatusCode.InvalidArgument, noCapacity.StatusCode);
        Assert.Contains("capacity", noCapacity.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.Contains("'bad id!'", badId.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodeCalls_AdminTokenOnlyForController_WrongTokenRefused()
    {
        using var wrong = Host.Channel("wrong");

        var error = await Assert.ThrowsAsync<RpcException>(() => wrong.UnaryAsync(Methods.Heartbeat, new HeartbeatRequest { NodeId = "node-1" }, Deadline()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("invalid node token", error.Detail);
    }

    [Fact]
    public async Task Heartbeat_UnknownNode_AsksToRegister()
    {
        await using var agent = new FakeAgent(Host, "node-9", "127.0.0.19", 61000);

        Assert.True((await agent.HeartbeatAsync()).Reregister);
        await agent.RegisterAsync();
        Assert.False((await agent.HeartbeatAsync()).Reregister);
    }

    [Fact]
    public async Task WatchAssignments_AgentReportsRunning_AppShowsRunningInstancesWithAddresses()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        var empty = await Eventually.WaitAsync(() => Task.FromResult(agent.Latest), s => s is not null, "the initial (empty) set");
        Assert.Empty(empty!.Assignments);

        await SeedAppAsync("web", 2);

        var set = await Eventually.WaitAsync(() => Task.FromResult(agent.Latest), s => s!.Assignments.Count == 2, "a set with two instances");
        Assert.True(set!.Generation > empty.Generation);
        var assignment = set.Assignments[0];
        Assert.Equal("web", assignment.App);
        Assert.Equal($"127.0.0.1:5000/web@sha256:{new string('a', 64)}", assignment.Image);
        Assert.Equal("./start.sh", assignment.Command);
        Assert.Equal(256, assignment.MemoryMb);
        var detail = await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 2, "both instances running");
        Assert.All(detail.Instances, i => Assert.Matches(@"^127\.0\.0\.11:610\d\d$", i.Address));
        Assert.Equal([0, 1], detail.Instances.Select(i => i.Index));
        var node = Assert.Single((await Admin.UnaryAsync(Methods.ListNodes, new ListNodesRequest(), Deadline())).Nodes);
        Assert.Equal(512, node.Used.MemoryMb);
    }

    [Fact]
    public async Task ReportInstances_Crash_SchedulerRestartsTheSameInstance()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        await SeedAppAsync("web", 1);
        var running = await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 1, "the instance running");
        var id = running.Instances[0].InstanceId;

        await agent.ReportAsync(id, InstanceState.Crashed, exitCode: 137);

        var restarted = await Eventually.WaitAsync(() => Task.FromResult(agent.Latest), s => s!.Assignments.Single().RestartGeneration == 1, "a restart order");
        Assert.Equal(id, restarted!.Assignments.Single().InstanceId);
        var detail = await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 1, "the instance running again");
        Assert.Equal(1, detail.Instances[0].Restarts);
        Assert.Equal(137, detail.Instances[0].LastExitCode);
        var kinds = (await Admin.UnaryAsync(Methods.ListEvents, new ListEventsRequest { App = "web" }, Deadline())).Events.Select(e => e.Kind);
        Assert.Contains("instance.crashed", kinds);
        Assert.Contains("instance.restarted", kinds);
    }

    [Fact]
    public async Task Heartbeats_StopFromOneNode_ItsInstancesMoveToTheOther()
    {
        await using var node1 = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await using var node2 = new FakeAgent(Host, "node-2", "127.0.0.12", 61500);
        await node1.RegisterAsync();
        await node2.RegisterAsync();
        node1.StartWatching();
        node2.StartWatching();
        using var node1Beats = new CancellationTokenSource();
        using var node2Beats = new CancellationTokenSource();
        var beating1 = HeartbeatUntilCancelledAsync(node1, node1Beats.Token);
        var beating2 = HeartbeatUntilCancelledAsync(node2, node2Beats.Token);
        try
        {
            await SeedAppAsync("web", 4);
            var before = await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Summary.RunningInstances == 4, "four running instances");
            var onNode1 = before.Instances.Where(i => i.NodeId == "node-1").ToList();
            Assert.Equal(2, onNode1.Count);

            // node-1 falls silent; node-2 keeps heartbeating.
            await node1Beats.CancelAsync();
            var moved = await Eventually.WaitAsync(
                () => GetAppAsync("web"),
                d => d.Summary.RunningInstances == 4 && d.Instances.All(i => i.NodeId == "node-2"),
                "all instances running on node-2");
            Assert.Equal(4, moved.Instances.Count);
            Assert.True((await node1.HeartbeatAsync()).Reregister);
            var nodes = (await Admin.UnaryAsync(Methods.ListNodes, new ListNodesRequest(), Deadline())).Nodes;
            Assert.Equal("lost", nodes.Single(n => n.NodeId == "node-1").State);
            var kinds = (await Admin.UnaryAsync(Methods.ListEvents, new ListEventsRequest(), Deadline())).Events.Select(e => e.Kind).ToList();
            Assert.Contains("node.lost", kinds);
            Assert.Contains("instance.lost", kinds);

            // node-1 comes back reporting its old containers: none is assigned to it again.
            var stale = onNode1.Select(i => new InstanceReport
            {
                InstanceId = i.InstanceId,
                State = InstanceState.Running,
                Port = int.Parse(i.Address.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture),
            }).ToList();
            await node1.RegisterAsync(stale);
            var set = await Eventually.WaitAsync(() => Task.FromResult(node1.Latest), s => s!.Assignments.Count == 0 && node1.Running.Count == 0, "node-1's stale instances dropped");
            Assert.Empty(set!.Assignments);
            var final = await GetAppAsync("web");
            Assert.DoesNotContain(final.Instances, i => onNode1.Any(s => s.InstanceId == i.InstanceId));
            Assert.Equal(4, final.Summary.RunningInstances);
        }
        finally
        {
            await node1Beats.CancelAsync();
            await node2Beats.CancelAsync();
            await Task.WhenAll(beating1, beating2);
        }
    }

    private static async Task HeartbeatUntilCancelledAsync(FakeAgent agent, CancellationToken cancellationToken)
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
