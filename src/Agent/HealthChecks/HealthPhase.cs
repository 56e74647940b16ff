namespace MiniPaas.Agent.HealthChecks;

/// <summary>Where an instance stands in its health life: starting, running, or given up on.</summary>
internal enum HealthPhase
{
    /// <summary>Started, the check has not passed yet.</summary>
    Starting,

    /// <summary>The check passed at least once and has not failed too often since.</summary>
    Running,

    /// <summary>The startup timeout ran out or the failure threshold was reached.</summary>
    Failed,
}
