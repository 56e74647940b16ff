using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Tests.Reconciliation;

public sealed class ReconcilerTests
{
    [Fact]
    public void Reconcile_NewApp_CreatesPendingInstancesSpreadOverNodes()
    {
        var h = new ReconcilerHarness().AddNode("node-1").AddNode("node-2");
        h.Push("web", instances: 4);

        var plan = h.Reconcile();

        Assert.Equal(4, plan.Created.Count);
        Assert.Equal([0, 1, 2, 3], h.Live("web").Select(i => i.Index));
        Assert.All(h.Live("web"), i => Assert.Equal(InstanceState.Pending, i.Actual));
        Assert.Equal(2, h.Live("web").Count(i => i.NodeId == "node-1"));
        Assert.Equal(2, h.Assignments["node-2"].Assignments.Count);
        Assert.Equal("127.0.0.1:5000/apps/web@sha256:web1", h.Assignments["node-1"].Assignments[0].Image);
    }

    [Fact]
    public void Reconcile_SameStateTwice_SecondPassChangesNothing()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web", instances: 2);
        h.Converge();
        var generation = h.Assignments["node-1"].Generation;

        var plan = h.Reconcile();

        Assert.False(plan.HasChanges);
        Assert.Equal(generation, h.Assignments["node-1"].Generation);
    }

    [Fact]
    public void Reconcile_ScaleUp_AddsOnlyMissingIndices()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web", instances: 2);
        h.Converge();
        var before = h.Live("web").Select(i => i.InstanceId).ToList();

        h.Scale("web", 5);
        var plan = h.Reconcile();

        Assert.Equal([2, 3, 4], plan.Created.Select(i => i.Index).Order());
        Assert.Equal(before, h.Live("web").Take(2).Select(i => i.InstanceId));
    }

    [Fact]
    public void Reconcile_ScaleDown_StopsHighestIndicesAndForgetsThemOnceStopped()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web", instances: 3);
        h.Converge();

        h.Scale("web", 1);
        h.Reconcile();

        Assert.Equal([0], h.Live("web").Select(i => i.Index));
        Assert.Equal(2, h.All("web").Count(i => i.Desired == DesiredStatus.Stop && i.Actual == InstanceState.Running));
        Assert.Single(h.Assignments["node-1"].Assignments);

        h.Converge();
        Assert.Equal([0], h.All("web").Select(i => i.Index));
    }

    [Fact]
    public void Reconcile_AppStoppedThenStarted_StopsAllThenStartsFresh()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web", instances: 2);
        h.Converge();

        h.SetStarted("web", false);
        h.Converge();
        Assert.Empty(h.All("web"));
        Assert.Empty(h.Assignments["node-1"].Assignments);

        h.SetStarted("web", true);
        h.Converge();
        Assert.Equal(2, h.Live("web").Count(i => i.Actual == InstanceState.Running));
    }

    [Fact]
    public void Reconcile_AppDeleted_StopsItsInstances()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web", instances: 2);
        h.Push("api");
        h.Converge();

        h.Delete("web");
        h.Reconcile();

        Assert.Empty(h.Live("web"));
        Assert.All(h.Assignments["node-1"].Assignments, a => Assert.Equal("api", a.App));
        h.Converge();
        Assert.Empty(h.All("web"));
    }

    [Fact]
    public void Reconcile_NewRelease_StartsNewBeforeStoppingOldAFewAtATime()
    {
        var h = new ReconcilerHarness().AddNode("node-1").AddNode("node-2");
        h.Options.RolloutBatchSize = 2;
        h.Push("web", instances: 4);
        h.Converge();

        h.Push("web", instances: 4);
        var plan = h.Reconcile();

        // Two replacements in flight, every old instance still serving.
        Assert.Equal(2, plan.Created.Count);
        Assert.All(plan.Created, i => Assert.Equal(2, i.ReleaseVersion));
        Assert.Equal(4, h.Live("web").Count(i => i.ReleaseVersion == 1 && i.Actual == InstanceState.Running));

        var first = plan.Created.OrderBy(i => i.Index).First();
        h.Report(first.InstanceId, InstanceState.Running);
        plan = h.Reconcile();

        // The replaced index's old instance stops only now; one more replacement starts.
        var stopped = Assert.Single(plan.Updated, i => i.Desired == DesiredStatus.Stop);
        Assert.Equal(first.Index, stopped.Index);
        Assert.Equal(1, stopped.ReleaseVersion);
        Assert.Single(plan.Created);

        h.Converge();
        Assert.Equal(4, h.All("web").Count);
        Assert.All(h.All("web"), i => Assert.Equal((2, InstanceState.Running), (i.ReleaseVersion, i.Actual)));
        Assert.Contains(h.Events, e => e.Kind == EventKinds.RolloutCompleted);
    }

    [Fact]
    public void Reconcile_NewReleaseCrashesRepeatedly_HaltsAndOldInstancesKeepServing()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Options.RolloutBatchSize = 1;
        h.Push("web", instances: 3);
        h.Converge();

        h.Push("web", instances: 3);
        for (var round = 0; round < 6; round++)
        {
            h.Reconcile();
            h.Time.Advance(TimeSpan.FromMilliseconds(200));
            h.Heartbeat("node-1");
            h.AgentsObey(crashes: i => i.ReleaseVersion == 2);
        }

        h.Reconcile();
        Assert.True(h.State.Apps["web"].RolloutHalted);
        Assert.Contains(h.Events, e => e.Kind == EventKinds.RolloutHalted);
        Assert.Equal(3, h.Live("web").Count(i => i.ReleaseVersion == 1 && i.Actual == InstanceState.Running));
        var fresh = Assert.Single(h.Live("web"), i => i.ReleaseVersion == 2);
        Assert.True(fresh.CrashCount >= h.Options.RolloutHaltCrashes);
    }

    [Fact]
    public void Reconcile_Rollback_RollsInstancesToTheEarlierImage()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web", instances: 2);
        h.Converge();
        h.Push("web", instances: 2);
        h.Converge();

        h.Rollback("web", toVersion: 1);
        h.Converge();

        Assert.All(h.All("web"), i => Assert.Equal(3, i.ReleaseVersion));
        Assert.All(h.Assignments["node-1"].Assignments, a => Assert.EndsWith("@sha256:web1", a.Image, StringComparison.Ordinal));
    }

    [Fact]
    public void Reconcile_RollingRestart_ReplacesEveryInstanceOnTheSameRelease()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web", instances: 3);
        h.Converge();
        var before = h.Live("web").Select(i => i.InstanceId).ToHashSet();

        h.RollingRestart("web");
        h.Converge();

        Assert.Equal(3, h.Live("web").Count);
        Assert.All(h.Live("web"), i => Assert.DoesNotContain(i.InstanceId, before));
        Assert.All(h.Live("web"), i => Assert.Equal(1, i.ReleaseVersion));
    }

    [Fact]
    public void Reconcile_RecreateStrategy_StopsOldInstancesAtOnce()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web", instances: 2);
        h.Converge();

        h.Push("web", instances: 2, strategy: RolloutStrategies.Recreate);
        var plan = h.Reconcile();

        Assert.Equal(2, plan.Created.Count);
        Assert.Equal(2, plan.Updated.Count(i => i.Desired == DesiredStatus.Stop && i.ReleaseVersion == 1));
    }

    [Fact]
    public void Reconcile_CrashReports_RestartThreeTimesAtOnceThenBackOffDoublingToTheCap()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Options.NodeTtl = TimeSpan.FromHours(1);
        h.Push("web");
        h.Converge();
        var id = h.Live("web")[0].InstanceId;
        var expectedDelays = new[] { 0, 0, 0, 1, 2, 4, 8, 16, 30, 30 };

        for (var crash = 1; crash <= expectedDelays.Length; crash++)
        {
            var generationBefore = h.Live("web")[0].RestartGeneration;
            h.Report(id, InstanceState.Crashed, exitCode: 3);
            var delay = TimeSpan.FromSeconds(expectedDelays[crash - 1]);
            var plan = h.Reconcile();
            if (delay > TimeSpan.Zero)
            {
                Assert.Equal(generationBefore, h.Live("web")[0].RestartGeneration);
                Assert.Equal(h.Now + delay, plan.NextDueAt);
                h.Time.Advance(delay - TimeSpan.FromMilliseconds(1));
                h.Reconcile();
                Assert.Equal(generationBefore, h.Live("web")[0].RestartGeneration);
                h.Time.Advance(TimeSpan.FromMilliseconds(1));
                h.Reconcile();
            }

            var instance = h.Live("web")[0];
            Assert.Equal(id, instance.InstanceId);
            Assert.Equal(generationBefore + 1, instance.RestartGeneration);
            Assert.Equal(crash, instance.Restarts);
            Assert.Equal(crash, instance.CrashCount);
            Assert.Equal(3, instance.LastExitCode);
            Assert.Equal(instance.RestartGeneration, h.Assignments["node-1"].Assignments[0].RestartGeneration);

            // The agent restarts it; it starts and crashes again shortly after.
            h.Time.Advance(TimeSpan.FromMilliseconds(100));
            h.Report(id, InstanceState.Starting);
            h.Time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(expectedDelays.Length, h.Events.Count(e => e.Kind == EventKinds.InstanceCrashed));
        Assert.Equal(expectedDelays.Length, h.Events.Count(e => e.Kind == EventKinds.InstanceRestarted));
    }

    [Fact]
    public void Reconcile_NodeStopsHeartbeating_NodeLostAndInstancesReplacedElsewhere()
    {
        var h = new ReconcilerHarness().AddNode("node-1").AddNode("node-2");
        h.Push("web", instances: 4);
        h.Converge();
        var onNode1 = h.Live("web").Where(i => i.NodeId == "node-1").Select(i => i.Index).Order().ToList();

        h.Time.Advance(TimeSpan.FromSeconds(4));
        h.Heartbeat("node-2");
        h.Reconcile();
        Assert.Equal(NodeState.Ready, h.State.Nodes["node-1"].State);

        h.Time.Advance(TimeSpan.FromSeconds(1));
        var plan = h.Reconcile();

        Assert.Equal(NodeState.Lost, h.State.Nodes["node-1"].State);
        Assert.Contains(plan.Events, e => e.Kind == EventKinds.NodeLost && e.NodeId == "node-1");
        Assert.Equal(onNode1.Count, plan.Events.Count(e => e.Kind == EventKinds.InstanceLost));
        Assert.Equal(onNode1, plan.Created.Select(i => i.Index).Order());
        Assert.All(h.Live("web"), i => Assert.Equal("node-2", i.NodeId));
        Assert.Empty(h.Assignments["node-1"].Assignments);
        Assert.Equal(4, h.Assignments["node-2"].Assignments.Count);
    }

    [Fact]
    public void Reconcile_SchedulerRestartAfterLongDowntime_NodesGetAFreshTtlBeforeBeingLost()
    {
        var h = new ReconcilerHarness().AddNode("node-1").AddNode("node-2");
        h.Push("web", instances: 4);
        h.Converge();
        var before = h.Live("web").Select(i => (i.InstanceId, i.NodeId, i.Actual, i.RestartGeneration)).ToList();

        // The scheduler was down for ten minutes: no heartbeat could reach it. It starts again.
        h.Time.Advance(TimeSpan.FromMinutes(10));
        h.SchedulerStartedAt = h.Now;
        var first = h.Reconcile();
        h.Time.Advance(h.Options.NodeTtl - TimeSpan.FromMilliseconds(1));
        h.Heartbeat("node-2");
        var beforeTtl = h.Reconcile();

        Assert.False(first.HasChanges || beforeTtl.HasChanges, "nothing may change while nodes are re-registering");
        Assert.Equal(before, h.Live("web").Select(i => (i.InstanceId, i.NodeId, i.Actual, i.RestartGeneration)));
        Assert.Equal(h.SchedulerStartedAt + h.Options.NodeTtl, first.NextDueAt);

        // node-1 stays silent for a whole TTL after the restart: now it is lost, and only its instances move.
        h.Time.Advance(TimeSpan.FromMilliseconds(1));
        var lost = h.Reconcile();

        Assert.Equal(NodeState.Lost, h.State.Nodes["node-1"].State);
        Assert.Equal(NodeState.Ready, h.State.Nodes["node-2"].State);
        Assert.Equal(before.Count(i => i.NodeId == "node-1"), lost.Created.Count);
        Assert.Contains(lost.Events, e => e.Kind == EventKinds.NodeLost && e.Message.Contains("no heartbeat for 605 s", StringComparison.Ordinal));
    }

    [Fact]
    public void Reconcile_LostNodeReturns_ItsStaleInstancesAreNotAssignedAgain()
    {
        var h = new ReconcilerHarness().AddNode("node-1").AddNode("node-2");
        h.Push("web", instances: 2);
        h.Converge();
        var staleIds = h.Live("web").Where(i => i.NodeId == "node-1").Select(i => i.InstanceId).ToList();
        Assert.NotEmpty(staleIds);
        var generationBefore = h.Assignments["node-1"].Generation;

        h.Time.Advance(TimeSpan.FromSeconds(6));
        h.Heartbeat("node-2");
        h.Converge();

        h.AddNode("node-1");
        h.Reconcile();

        var set = h.Assignments["node-1"];
        Assert.True(set.Generation > generationBefore);
        Assert.DoesNotContain(set.Assignments, a => staleIds.Contains(a.InstanceId));
        Assert.DoesNotContain(h.State.Instances, i => staleIds.Contains(i.InstanceId));
        Assert.Equal(2, h.Live("web").Count);
    }

    [Fact]
    public void Reconcile_NoNodeFits_RecordsReasonOnceThenPlacesWhenANodeJoins()
    {
        var h = new ReconcilerHarness().AddNode("node-1", memoryMb: 512);
        h.Push("web", instances: 3, memoryMb: 256);

        h.Reconcile();
        h.Reconcile();

        Assert.Equal(2, h.Live("web").Count);
        Assert.Contains("needs 256 MB memory", h.State.Apps["web"].PlacementError, StringComparison.Ordinal);
        Assert.Single(h.Events, e => e.Kind == EventKinds.InstanceUnplaceable);

        h.AddNode("node-2");
        h.Reconcile();

        Assert.Equal(3, h.Live("web").Count);
        Assert.Equal("", h.State.Apps["web"].PlacementError);
    }

    [Fact]
    public void Reconcile_AssignmentGeneration_GrowsOnlyWhenTheSetChanges()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Reconcile();
        var empty = h.Assignments["node-1"].Generation;

        h.Push("web");
        h.Reconcile();
        var withWeb = h.Assignments["node-1"].Generation;
        h.Report(h.Live("web")[0].InstanceId, InstanceState.Running);
        h.Reconcile();

        Assert.True(withWeb > empty);
        Assert.Equal(withWeb, h.Assignments["node-1"].Generation);
    }
}
