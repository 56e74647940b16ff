using System.Diagnostics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Placement;

namespace MiniPaas.Scheduler.Tests.Placement;

public sealed class PlacerTests
{
    [Fact]
    public void Place_OneNodeWithRoom_PlacesThere()
    {
        var harness = new Harness().AddNode("node-1");

        var plan = harness.Place(Harness.Requests("web", 1));

        Assert.Equal("node-1", Assert.Single(plan.Placed).NodeId);
        Assert.Empty(plan.Unplaced);
    }

    [Fact]
    public void Place_NodeTooSmallForMemory_SkipsItForOneThatFits()
    {
        var harness = new Harness().AddNode("node-1", memoryMb: 128).AddNode("node-2", memoryMb: 512);

        var plan = harness.Place(Harness.Requests("web", 1, memoryMb: 256));

        Assert.Equal("node-2", Assert.Single(plan.Placed).NodeId);
    }

    [Fact]
    public void Place_NodeWithoutFreeSlotOrDisk_IsNotFeasible()
    {
        var harness = new Harness()
            .AddNode("node-1", slots: 1).AddInstance("node-1", "other")
            .AddNode("node-2", diskMb: 500)
            .AddNode("node-3");

        var plan = harness.Place(Harness.Requests("web", 1, diskMb: 1024));

        Assert.Equal("node-3", Assert.Single(plan.Placed).NodeId);
    }

    [Fact]
    public void Place_FourInstancesOnTwoNodes_SpreadsTwoAndTwo()
    {
        var harness = new Harness().AddNode("node-1").AddNode("node-2");

        var plan = harness.Place(Harness.Requests("web", 4));

        Assert.Equal(4, plan.Placed.Count);
        Assert.Equal(2, harness.CountOn("node-1", "web"));
        Assert.Equal(2, harness.CountOn("node-2", "web"));
    }

    [Fact]
    public void Place_SixInstancesOnThreeUnevenNodes_SpreadsBeforeLoad()
    {
        // node-1 is much busier with another app, yet spread of "web" still wins over load.
        var harness = new Harness()
            .AddNode("node-1", memoryMb: 8192).AddInstance("node-1", "other", memoryMb: 4096)
            .AddNode("node-2", memoryMb: 8192)
            .AddNode("node-3", memoryMb: 8192);

        var plan = harness.Place(Harness.Requests("web", 6));

        Assert.Equal(6, plan.Placed.Count);
        Assert.All(new[] { "node-1", "node-2", "node-3" }, n => Assert.Equal(2, harness.CountOn(n, "web")));
    }

    [Fact]
    public void Place_ExistingInstancesOfSameApp_PrefersNodeWithFewer()
    {
        var harness = new Harness().AddNode("node-1").AddNode("node-2").AddInstance("node-1", "web");

        var plan = harness.Place(Harness.Requests("web", 1));

        Assert.Equal("node-2", Assert.Single(plan.Placed).NodeId);
    }

    [Fact]
    public void Place_EqualSpread_ChoosesLeastLoadedNode()
    {
        var harness = new Harness()
            .AddNode("node-1").AddInstance("node-1", "db", memoryMb: 2048)
            .AddNode("node-2").AddInstance("node-2", "db", memoryMb: 512)
            .AddNode("node-3").AddInstance("node-3", "db", memoryMb: 1024);

        var plan = harness.Place(Harness.Requests("web", 1));

        Assert.Equal("node-2", Assert.Single(plan.Placed).NodeId);
    }

    [Fact]
    public void Place_LoadOfFullestDimension_CountsDiskToo()
    {
        var harness = new Harness()
            .AddNode("node-1").AddInstance("node-1", "db", memoryMb: 256, diskMb: 9000)
            .AddNode("node-2").AddInstance("node-2", "db", memoryMb: 1024, diskMb: 100);

        var plan = harness.Place(Harness.Requests("web", 1, diskMb: 100));

        Assert.Equal("node-2", Assert.Single(plan.Placed).NodeId);
    }

    [Fact]
    public void Place_CompleteTie_BreaksByLowestNodeId()
    {
        var harness = new Harness().AddNode("node-b").AddNode("node-c").AddNode("node-a");

        var plan = harness.Place(Harness.Requests("web", 1));

        Assert.Equal("node-a", Assert.Single(plan.Placed).NodeId);
    }

    [Fact]
    public void Place_NothingFits_ExplainsNeedAndLargestFree()
    {
        var harness = new Harness()
            .AddNode("node-1", memoryMb: 1024).AddInstance("node-1", "db", memoryMb: 900)
            .AddNode("node-2", memoryMb: 512);

        var plan = harness.Place(Harness.Requests("web", 1, memoryMb: 1024));

        Assert.Empty(plan.Placed);
        var failure = Assert.Single(plan.Unplaced);
        Assert.Equal("web", failure.Request.App);
        Assert.Contains("needs 1024 MB memory", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("largest free is 512 MB memory (on node-2)", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_BatchLargerThanCapacity_PlacesWhatFitsAndExplainsTheRest()
    {
        var harness = new Harness().AddNode("node-1", memoryMb: 1024).AddNode("node-2", memoryMb: 1024);

        var plan = harness.Place(Harness.Requests("web", 10, memoryMb: 512));

        Assert.Equal(4, plan.Placed.Count);
        Assert.Equal(6, plan.Unplaced.Count);
        Assert.All(plan.Unplaced, f => Assert.Contains("largest free is 0 MB memory", f.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Place_AllNodesAtSlotLimit_SaysSo()
    {
        var harness = new Harness().AddNode("node-1", slots: 1).AddInstance("node-1", "db");

        var failure = Assert.Single(harness.Place(Harness.Requests("web", 1)).Unplaced);

        Assert.Contains("instance limit", failure.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lost")]
    [InlineData("draining")]
    public void Place_NodeNotReady_IsExcluded(string stateName)
    {
        var state = stateName == "lost" ? NodeState.Lost : NodeState.Draining;
        var harness = new Harness().AddNode("node-1", memoryMb: 100_000, state: state).AddNode("node-2");

        var plan = harness.Place(Harness.Requests("web", 3));

        Assert.All(plan.Placed, d => Assert.Equal("node-2", d.NodeId));
        Assert.Equal(0, harness.CountOn("node-1"));
    }

    [Fact]
    public void Place_OnlyLostNodes_ExplainsNoneIsReady()
    {
        var harness = new Harness().AddNode("node-1", state: NodeState.Lost);

        var failure = Assert.Single(harness.Place(Harness.Requests("web", 1)).Unplaced);

        Assert.Contains("none of the 1 known nodes is ready", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_SameInputInAnyNodeOrder_GivesSamePlan()
    {
        var ids = Enumerable.Range(0, 50).Select(i => $"node-{i:D3}").ToArray();
        var forward = new Harness();
        var backward = new Harness();
        foreach (var id in ids)
        {
            forward.AddNode(id, memoryMb: 2048);
        }

        foreach (var id in ids.Reverse())
        {
            backward.AddNode(id, memoryMb: 2048);
        }

        var requests = Harness.Requests("web", 120).Concat(Harness.Requests("api", 40)).ToArray();
        var a = forward.Place(requests);
        var b = backward.Place(requests);

        Assert.Equal(a.Placed.Select(d => (d.Request.App, d.Request.Index, d.NodeId)), b.Placed.Select(d => (d.Request.App, d.Request.Index, d.NodeId)));
        Assert.Equal(a.Unplaced.Select(f => f.Reason), b.Unplaced.Select(f => f.Reason));
    }

    [Fact]
    public void Place_ThousandNodes_SpreadsEvenlyAndQuickly()
    {
        var harness = new Harness();
        for (var i = 0; i < 1000; i++)
        {
            harness.AddNode($"node-{i:D4}", memoryMb: 4096 + (i % 7) * 512);
        }

        var stopwatch = Stopwatch.StartNew();
        var plan = harness.Place(Harness.Requests("web", 2000));
        stopwatch.Stop();

        Assert.Equal(2000, plan.Placed.Count);
        Assert.Empty(plan.Unplaced);
        Assert.All(plan.Placed.GroupBy(d => d.NodeId), g => Assert.Equal(2, g.Count()));
        // Generous bound for a shared CI core; the benchmark measures the real rate.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), $"2000 placements over 1000 nodes took {stopwatch.Elapsed}");
    }
}
