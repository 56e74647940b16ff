namespace MiniPaas.Agent.HealthChecks;

/// <summary>What one probe result changed.</summary>
internal enum HealthTransition
{
    /// <summary>Nothing worth reporting.</summary>
    None,

    /// <summary>The first passing probe: the instance is RUNNING.</summary>
    BecameRunning,

    /// <summary>The instance is to be declared CRASHED.</summary>
    Failed,
}
