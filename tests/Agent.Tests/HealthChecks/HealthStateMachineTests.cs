using MiniPaas.Agent.HealthChecks;
using MiniPaas.Agent.Tests.Support;

namespace MiniPaas.Agent.Tests.HealthChecks;

public sealed class HealthStateMachineTests
{
    private static readonly HealthCheckPolicy Policy = new(HealthCheckKind.Port, "/", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), FailureThreshold: 3);

    [Fact]
    public void Record_FirstPassWhileStarting_BecomesRunning()
    {
        var machine = new HealthStateMachine(Policy, new FakeTimeProvider());

        Assert.Equal(HealthTransition.None, machine.Record(HealthProbeResult.Fail("refused")));
        Assert.Equal(HealthTransition.BecameRunning, machine.Record(HealthProbeResult.Pass()));
        Assert.Equal(HealthPhase.Running, machine.Phase);
    }

    [Fact]
    public void Record_FailuresBeforeStartupTimeout_StayStarting()
    {
        var clock = new FakeTimeProvider();
        var machine = new HealthStateMachine(Policy, clock);

        for (var i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(400));
            Assert.Equal(HealthTransition.None, machine.Record(HealthProbeResult.Fail("refused")));
        }

        Assert.Equal(HealthPhase.Starting, machine.Phase);
    }

    [Fact]
    public void Record_FailureAfterStartupTimeout_FailsWithTimeoutMessage()
    {
        var clock = new FakeTimeProvider();
        var machine = new HealthStateMachine(Policy, clock);
        machine.Record(HealthProbeResult.Fail("refused"));

        clock.Advance(TimeSpan.FromSeconds(10));
        var transition = machine.Record(HealthProbeResult.Fail("connection refused"));

        Assert.Equal(HealthTransition.Failed, transition);
        Assert.Equal(HealthPhase.Failed, machine.Phase);
        Assert.Contains("startup timeout of 10 s", machine.FailureMessage);
        Assert.Contains("connection refused", machine.FailureMessage);
    }

    [Fact]
    public void Record_PassAfterStartupTimeout_StillBecomesRunning()
    {
        // Only a failing probe past the deadline fails; a late first pass is a start.
        var clock = new FakeTimeProvider();
        var machine = new HealthStateMachine(Policy, clock);
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(HealthTransition.BecameRunning, machine.Record(HealthProbeResult.Pass()));
    }

    [Fact]
    public void Record_ThresholdConsecutiveFailuresWhileRunning_FailsWithHealthCheckFailed()
    {
        var machine = new HealthStateMachine(Policy, new FakeTimeProvider(), alreadyRunning: true);

        Assert.Equal(HealthTransition.None, machine.Record(HealthProbeResult.Fail("refused")));
        Assert.Equal(HealthTransition.None, machine.Record(HealthProbeResult.Fail("refused")));
        Assert.Equal(HealthTransition.Failed, machine.Record(HealthProbeResult.Fail("GET / answered 500")));

        Assert.StartsWith("health check failed", machine.FailureMessage);
        Assert.Contains("GET / answered 500", machine.FailureMessage);
    }

    [Fact]
    public void Record_PassBetweenFailures_ResetsTheCount()
    {
        var machine = new HealthStateMachine(Policy, new FakeTimeProvider(), alreadyRunning: true);

        machine.Record(HealthProbeResult.Fail("refused"));
        machine.Record(HealthProbeResult.Fail("refused"));
        machine.Record(HealthProbeResult.Pass());
        machine.Record(HealthProbeResult.Fail("refused"));
        var transition = machine.Record(HealthProbeResult.Fail("refused"));

        Assert.Equal(HealthTransition.None, transition);
        Assert.Equal(HealthPhase.Running, machine.Phase);
        Assert.Equal(2, machine.ConsecutiveFailures);
    }

    [Fact]
    public void Record_AfterFailure_ReportsNothingMore()
    {
        var machine = new HealthStateMachine(Policy with { FailureThreshold = 1 }, new FakeTimeProvider(), alreadyRunning: true);
        machine.Record(HealthProbeResult.Fail("refused"));

        Assert.Equal(HealthTransition.None, machine.Record(HealthProbeResult.Pass()));
        Assert.Equal(HealthPhase.Failed, machine.Phase);
    }

    [Fact]
    public void NextProbeDelay_StartingThenRunning_ProbesFastUntilFirstPass()
    {
        var machine = new HealthStateMachine(Policy, new FakeTimeProvider());

        Assert.Equal(HealthCheckPolicy.StartupProbeInterval, machine.NextProbeDelay);
        machine.Record(HealthProbeResult.Pass());
        Assert.Equal(TimeSpan.FromSeconds(2), machine.NextProbeDelay);
    }
}
