using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Tests.Reconciliation;

public sealed class InstanceReportIngestTests
{
    [Fact]
    public void Apply_SameCrashReportedTwice_CountsOneCrash()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web");
        h.Converge();
        var id = h.Live("web")[0].InstanceId;
        var crashedAt = h.Now;

        h.Report(id, InstanceState.Crashed, exitCode: 1, since: crashedAt);
        var again = h.Report(id, InstanceState.Crashed, exitCode: 1, since: crashedAt);

        Assert.Equal(1, again.CrashCount);
        Assert.Single(h.Events, e => e.Kind == EventKinds.InstanceCrashed);
    }

    [Fact]
    public void Apply_CrashAfterLongStableRun_StartsCrashCountAfresh()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web");
        h.Converge();
        var id = h.Live("web")[0].InstanceId;
        for (var i = 0; i < 2; i++)
        {
            h.Report(id, InstanceState.Crashed);
            h.Reconcile();
            h.Time.Advance(TimeSpan.FromMilliseconds(10));
            h.Report(id, InstanceState.Running);
        }

        h.Time.Advance(h.Options.CrashCountResetAfter);
        var crashed = h.Report(id, InstanceState.Crashed);

        Assert.Equal(1, crashed.CrashCount);
        Assert.Equal(2, crashed.Restarts);
    }

    [Fact]
    public void Apply_UnexpectedStopOfWantedInstance_CountsAsCrash()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web");
        h.Converge();

        var stopped = h.Report(h.Live("web")[0].InstanceId, InstanceState.Stopped);

        Assert.Equal(InstanceState.Crashed, stopped.Actual);
        Assert.True(stopped.AwaitingRestart);
    }

    [Fact]
    public void Apply_OlderReportAfterNewer_IsIgnored()
    {
        var h = new ReconcilerHarness().AddNode("node-1");
        h.Push("web");
        h.Reconcile();
        var id = h.Live("web")[0].InstanceId;
        h.Report(id, InstanceState.Running, since: h.Now.AddSeconds(2));

        var after = h.Report(id, InstanceState.Starting, since: h.Now.AddSeconds(1));

        Assert.Equal(InstanceState.Running, after.Actual);
    }
}
