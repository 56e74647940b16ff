namespace MiniPaas.Agent.HealthChecks;

/// <summary>
/// Decides an instance's health from probe results: STARTING until one probe passes (or CRASHED
/// when the startup timeout runs out first), then RUNNING until <see cref="HealthCheckPolicy.FailureThreshold"/>
/// probes fail in a row. Pure apart from reading the clock, so it is tested with a fake clock.
/// </summary>
internal sealed class HealthStateMachine
{
    private readonly HealthCheckPolicy _policy;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _startedAt;

    public HealthStateMachine(HealthCheckPolicy policy, TimeProvider time, bool alreadyRunning = false)
    {
        _policy = policy;
        _time = time;
        _startedAt = time.GetUtcNow();
        Phase = alreadyRunning ? HealthPhase.Running : HealthPhase.Starting;
    }

    public HealthPhase Phase { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    /// <summary>Why the instance failed, once <see cref="Phase"/> is <see cref="HealthPhase.Failed"/>.</summary>
    public string? FailureMessage { get; private set; }

    /// <summary>How long to wait before the next probe.</summary>
    public TimeSpan NextProbeDelay => Phase == HealthPhase.Starting && _policy.Interval > HealthCheckPolicy.StartupProbeInterval
        ? HealthCheckPolicy.StartupProbeInterval
        : _policy.Interval;

    public HealthTransition Record(HealthProbeResult result)
    {
        switch (Phase)
        {
            case HealthPhase.Starting when result.Passed:
                Phase = HealthPhase.Running;
                ConsecutiveFailures = 0;
                return HealthTransition.BecameRunning;

            case HealthPhase.Starting:
                ConsecutiveFailures++;
                if (_time.GetUtcNow() - _startedAt >= _policy.StartupTimeout)
                {
                    return Fail($"health check did not pass within the startup timeout of {_policy.StartupTimeout.TotalSeconds:0.###} s (last: {result.Detail})");
                }

                return HealthTransition.None;

            case HealthPhase.Running when result.Passed:
                ConsecutiveFailures = 0;
                return HealthTransition.None;

            case HealthPhase.Running:
                ConsecutiveFailures++;
                if (ConsecutiveFailures >= _policy.FailureThreshold)
                {
                    return Fail($"health check failed {ConsecutiveFailures} times in a row (last: {result.Detail})");
                }

                return HealthTransition.None;

            default:
                return HealthTransition.None;
        }
    }

    private HealthTransition Fail(string message)
    {
        Phase = HealthPhase.Failed;
        FailureMessage = message;
        return HealthTransition.Failed;
    }
}
