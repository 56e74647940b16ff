using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Assignments;

/// <summary>NodeAssignment is one instance a node must run, with everything the agent needs to run it.</summary>
internal sealed record NodeAssignment
{
    public required string InstanceId { get; init; }

    public required string App { get; init; }

    public required int Index { get; init; }

    public required int ReleaseVersion { get; init; }

    /// <summary>registry/repository@sha256:digest.</summary>
    public required string Image { get; init; }

    public string Command { get; init; } = "";

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public long MemoryMb { get; init; }

    public long DiskMb { get; init; }

    public HealthCheckSpec HealthCheck { get; init; } = HealthCheckSpec.Default;

    public int RestartGeneration { get; init; }

    /// <summary>Operator kill requests so far (see <see cref="InstanceKillRequests"/>); 0 when none.</summary>
    public int KillGeneration { get; init; }
}
