namespace MiniPaas.Scheduler.Domain;

/// <summary>NodeRecord is a machine running an agent, as it registered and last heartbeated.</summary>
internal sealed record NodeRecord
{
    public required string NodeId { get; init; }

    /// <summary>The IP app instances listen on, e.g. 127.0.0.11.</summary>
    public string Address { get; init; } = "";

    public ResourceAmounts Capacity { get; init; }

    /// <summary>What the agent last reported as used (display only; placement uses reservations).</summary>
    public ResourceAmounts ReportedUsed { get; init; }

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public int PortRangeStart { get; init; }

    public int PortRangeEnd { get; init; }

    public NodeState State { get; init; } = NodeState.Ready;

    public DateTimeOffset LastHeartbeat { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Generation of the last assignment set computed for this node; only ever increases.</summary>
    public long AssignmentGeneration { get; init; }

    /// <summary>Fingerprint of that set, so an unchanged set keeps its generation.</summary>
    public string AssignmentFingerprint { get; init; } = "";
}
