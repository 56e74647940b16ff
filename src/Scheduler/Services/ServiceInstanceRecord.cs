namespace MiniPaas.Scheduler.Services;

/// <summary>ServiceInstanceRecord is a provisioned (or provisioning) service instance.</summary>
internal sealed record ServiceInstanceRecord
{
    public required string Name { get; init; }

    /// <summary>The id the broker knows the instance by (a GUID the scheduler chose).</summary>
    public required string InstanceId { get; init; }

    public required string Broker { get; init; }

    public required string ServiceName { get; init; }

    public required string ServiceId { get; init; }

    public required string PlanName { get; init; }

    public required string PlanId { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>One of <see cref="ServiceOperations"/>' texts.</summary>
    public required string LastOperation { get; init; }

    /// <summary>The broker's description of the last operation.</summary>
    public string Message { get; init; } = "";

    /// <summary>The broker's operation token for a running asynchronous operation.</summary>
    public string Operation { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}
