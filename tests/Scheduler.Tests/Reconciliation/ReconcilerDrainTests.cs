using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Tests.Reconciliation;

public sealed class ReconcilerDrainTests
{
    [Fact]
    public void Reconcile_NodeDraining_ReplacementStartsElsewhereBeforeOldStops()
    {
        var h = new ReconcilerHarness();
        h.AddNode("node-1").AddNode("node-2");
        h.Push("web", instances: 2);
        h.Converge();
        var onNode1 = h.Live("web").Single(i => i.NodeId == "node-1");

        h.SetNodeState("node-1", NodeState.Draining);
        h.Reconcile();

        // The replacement is placed on node-2; the old instance still runs and is still wanted.
        var atIndex = h.All("web").Where(i => i.Index == onNode1.Index).ToList();
        Assert.Equal(2, atIndex.Count);
        var replacement = atIndex.Single(i => i.InstanceId != onNode1.InstanceId);
        Assert.Equal("node-2", replacement.NodeId);
        Assert.Equal(InstanceState.Pending, replacement.Actual);
        var old = atIndex.Single(i => i.InstanceId == onNode1.InstanceId);
        Assert.Equal(DesiredStatus.Run, old.Desired);
        Assert.Equal(InstanceState.Running, old.Actual);

        // Still starting: the old one keeps serving.
        h.Report(replacement.InstanceId, InstanceState.Starting);
        h.Reconcile();
        Assert.Equal(DesiredStatus.Run, h.All("web").Single(i => i.InstanceId == onNode1.InstanceId).Desired);

        // Running: only now is the old one told to stop.
        h.Report(replacement.InstanceId, InstanceState.Running);
        h.Reconcile();
        var stopping = h.All("web").Single(i => i.InstanceId == onNode1.InstanceId);
        Assert.Equal(DesiredStatus.Stop, stopping.Desired);
        Assert.Contains("draining", stopping.Message, StringComparison.Ordinal);

        h.Converge();
        Assert.All(h.All("web"), i => Assert.Equal("node-2", i.NodeId));
        Assert.Equal([0, 1], h.Live("web").Select(i => i.Index));
        Assert.DoesNotContain(h.Events, e => e.Kind == EventKinds.RolloutCompleted);
    }

    [Fact]
    public void Reconcile_NodeDraining_GetsNoNewPlacementsUntilReady()
    {
        var h = new ReconcilerHarness();
        h.AddNode("node-1").AddNode("node-2");
        h.SetNodeState("node-1", NodeState.Draining);
        h.Push("web", instances: 3);
        h.Converge();
        Assert.All(h.Live("web"), i => Assert.Equal("node-2", i.NodeId));

        h.SetNodeState("node-1", NodeState.Ready);
        h.Push("api", instances: 1);
        h.Converge();
        Assert.Equal("node-1", h.Live("api").Single().NodeId);
    }

    [Fact]
    public void Reconcile_RecreateAppOnDrainingNode_StillReplacesBeforeStopping()
    {
        var h = new ReconcilerHarness();
        h.AddNode("node-1");
        h.Push("web", instances: 1, strategy: RolloutStrategies.Recreate);
        h.Converge();
        var old = h.Live("web").Single();
        h.AddNode("node-2");

        h.SetNodeState("node-1", NodeState.Draining);
        h.Reconcile();

        Assert.Equal(DesiredStatus.Run, h.All("web").Single(i => i.InstanceId == old.InstanceId).Desired);
        Assert.Contains(h.All("web"), i => i.NodeId == "node-2" && i.Desired == DesiredStatus.Run);
    }

    [Fact]
    public void Reconcile_DrainingNodeStopsHeartbeating_NodeLostAndInstancesReplaced()
    {
        var h = new ReconcilerHarness();
        h.AddNode("node-1").AddNode("node-2");
        h.Push("web", instances: 2);
        h.Converge();
        h.SetNodeState("node-1", NodeState.Draining);

        h.Time.Advance(h.Options.NodeTtl + TimeSpan.FromSeconds(1));
        h.Heartbeat("node-2");
        h.Reconcile();

        Assert.Equal(NodeState.Lost, h.State.Nodes["node-1"].State);
        Assert.Contains(h.Events, e => e.Kind == EventKinds.NodeLost && e.NodeId == "node-1");
    }
}
