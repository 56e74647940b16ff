namespace MiniPaas.Agent.HealthChecks;

/// <summary>
/// Runs one instance's probes on its schedule and calls back on the transitions that matter:
/// the first pass (RUNNING) and the failure (CRASHED). Returns after a failure or when cancelled.
/// </summary>
internal sealed class HealthMonitor(TimeProvider time)
{
    public async Task WatchAsync(
        HealthStateMachine machine,
        IHealthProbe probe,
        Action onRunning,
        Action<string> onFailed,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var result = await probe.ProbeAsync(cancellationToken);
            switch (machine.Record(result))
            {
                case HealthTransition.BecameRunning:
                    onRunning();
                    break;
                case HealthTransition.Failed:
                    onFailed(machine.FailureMessage ?? "health check failed");
                    return;
            }

            await Task.Delay(machine.NextProbeDelay, time, cancellationToken);
        }
    }
}
