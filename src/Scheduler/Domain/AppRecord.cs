namespace MiniPaas.Scheduler.Domain;

/// <summary>
/// AppRecord is the desired state of one app. <see cref="Deployment"/> increases every time the
/// instances must be replaced (a new current release, a rolling restart, a memory change); instances
/// created for an older deployment are rolled over to the current one.
/// </summary>
internal sealed record AppRecord
{
    public required string Name { get; init; }

    public int DesiredInstances { get; init; } = 1;

    public long MemoryMb { get; init; } = 256;

    public long DiskMb { get; init; } = 1024;

    public bool Started { get; init; } = true;

    /// <summary>The version of the release instances should run; 0 before the first release.</summary>
    public int CurrentReleaseVersion { get; init; }

    public int Deployment { get; init; }

    /// <summary>"rolling" (start new, then stop old) or "recreate" (stop old at once).</summary>
    public string Strategy { get; init; } = RolloutStrategies.Rolling;

    public HealthCheckSpec HealthCheck { get; init; } = HealthCheckSpec.Default;

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    /// <summary>True while a rollout is stopped because new instances keep crashing.</summary>
    public bool RolloutHalted { get; init; }

    /// <summary>Why instances could not be placed on the last pass; empty when all were placed.</summary>
    public string PlacementError { get; init; } = "";

    /// <summary>How the router spreads requests over instances; one of <see cref="Routes.LoadBalancingPolicies"/>.</summary>
    public string LoadBalancing { get; init; } = Routes.LoadBalancingPolicies.RoundRobin;

    /// <summary>True when the router should keep a client on the instance that served it first.</summary>
    public bool StickySessions { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
