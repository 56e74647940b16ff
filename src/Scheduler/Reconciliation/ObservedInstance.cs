using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>ObservedInstance is one instance's actual state as an agent reported it.</summary>
internal sealed record ObservedInstance
{
    public required string InstanceId { get; init; }

    public required InstanceState State { get; init; }

    public int Port { get; init; }

    public string ContainerId { get; init; } = "";

    public int ExitCode { get; init; }

    public string Message { get; init; } = "";

    /// <summary>When the agent saw the state begin; null when it did not say.</summary>
    public DateTimeOffset? Since { get; init; }
}
