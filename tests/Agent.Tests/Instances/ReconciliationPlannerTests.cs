using MiniPaas.Agent.Instances;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.Tests.Instances;

public sealed class ReconciliationPlannerTests
{
    private const string Image = "127.0.0.1:5000/hello@sha256:aaaa";

    [Fact]
    public void Plan_DesiredNotHeld_StartsIt()
    {
        var plan = ReconciliationPlanner.Plan([Assign("i-1")], []);

        Assert.Equal(["i-1"], plan.ToStart.Select(a => a.InstanceId));
        Assert.Empty(plan.ToStop);
        Assert.Empty(plan.ToRestart);
        Assert.Empty(plan.ToKeep);
    }

    [Fact]
    public void Plan_HeldNotDesired_StopsIt()
    {
        var plan = ReconciliationPlanner.Plan([], [Held("i-1")]);

        Assert.Equal(["i-1"], plan.ToStop);
        Assert.Empty(plan.ToStart);
    }

    [Fact]
    public void Plan_HeldAndDesiredUnchanged_KeepsIt()
    {
        var plan = ReconciliationPlanner.Plan([Assign("i-1", restartGeneration: 2)], [Held("i-1", restartGeneration: 2)]);

        Assert.Equal(["i-1"], plan.ToKeep.Select(a => a.InstanceId));
        Assert.Empty(plan.ToRestart);
        Assert.Empty(plan.ToStart);
        Assert.Empty(plan.ToStop);
    }

    [Fact]
    public void Plan_RestartGenerationIncreased_RestartsIt()
    {
        var plan = ReconciliationPlanner.Plan([Assign("i-1", restartGeneration: 3)], [Held("i-1", restartGeneration: 2)]);

        Assert.Equal(["i-1"], plan.ToRestart.Select(a => a.InstanceId));
        Assert.Empty(plan.ToKeep);
    }

    [Fact]
    public void Plan_RestartGenerationLower_KeepsIt()
    {
        // A lower generation is a stale or renumbered set, not a request to restart.
        var plan = ReconciliationPlanner.Plan([Assign("i-1", restartGeneration: 1)], [Held("i-1", restartGeneration: 2)]);

        Assert.Equal(["i-1"], plan.ToKeep.Select(a => a.InstanceId));
    }

    [Fact]
    public void Plan_ImageChanged_RestartsIt()
    {
        var plan = ReconciliationPlanner.Plan([Assign("i-1", image: "127.0.0.1:5000/hello@sha256:bbbb")], [Held("i-1")]);

        Assert.Equal(["i-1"], plan.ToRestart.Select(a => a.InstanceId));
    }

    [Fact]
    public void Plan_BeingRemovedButDesiredAgain_RestartsIt()
    {
        var plan = ReconciliationPlanner.Plan([Assign("i-1")], [Held("i-1", beingRemoved: true)]);

        Assert.Equal(["i-1"], plan.ToRestart.Select(a => a.InstanceId));
        Assert.Empty(plan.ToStop);
    }

    [Fact]
    public void Plan_BeingRemovedAndNotDesired_IsNotStoppedTwice()
    {
        var plan = ReconciliationPlanner.Plan([], [Held("i-1", beingRemoved: true)]);

        Assert.Empty(plan.ToStop);
    }

    [Fact]
    public void Plan_MixedSet_SortsEveryInstanceIntoOneBucket()
    {
        var plan = ReconciliationPlanner.Plan(
            [Assign("keep"), Assign("new"), Assign("bump", restartGeneration: 1)],
            [Held("keep"), Held("gone"), Held("bump")]);

        Assert.Equal(["new"], plan.ToStart.Select(a => a.InstanceId));
        Assert.Equal(["gone"], plan.ToStop);
        Assert.Equal(["bump"], plan.ToRestart.Select(a => a.InstanceId));
        Assert.Equal(["keep"], plan.ToKeep.Select(a => a.InstanceId));
    }

    [Fact]
    public void Plan_DuplicateInstanceId_FirstWinsAndRepeatIsRejected()
    {
        var plan = ReconciliationPlanner.Plan([Assign("i-1", restartGeneration: 0), Assign("i-1", restartGeneration: 5)], []);

        var started = Assert.Single(plan.ToStart);
        Assert.Equal(0, started.RestartGeneration);
        Assert.Contains(plan.Rejected, reason => reason.Contains("i-1") && reason.Contains("more than once"));
    }

    [Fact]
    public void Plan_AssignmentWithoutInstanceId_IsRejected()
    {
        var plan = ReconciliationPlanner.Plan([new Assignment { App = "hello", Index = 2, Image = Image }], []);

        Assert.Empty(plan.ToStart);
        Assert.Contains(plan.Rejected, reason => reason.Contains("hello") && reason.Contains("no instance id"));
    }

    private static Assignment Assign(string instanceId, int restartGeneration = 0, string image = Image) => new()
    {
        InstanceId = instanceId,
        App = "hello",
        Image = image,
        RestartGeneration = restartGeneration,
    };

    private static InstanceSnapshot Held(string instanceId, int restartGeneration = 0, bool beingRemoved = false) =>
        new(instanceId, restartGeneration, Image, beingRemoved);
}
