namespace MiniPaas.Agent.HealthChecks;

/// <summary>One way of asking whether an instance is healthy.</summary>
internal interface IHealthProbe
{
    /// <summary>Probes once; failures are results, not exceptions (cancellation excepted).</summary>
    Task<HealthProbeResult> ProbeAsync(CancellationToken cancellationToken);
}
