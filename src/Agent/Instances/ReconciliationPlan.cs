using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.Instances;

/// <summary>The difference between the desired assignments and the instances the agent holds.</summary>
internal sealed record ReconciliationPlan(
    IReadOnlyList<Assignment> ToStart,
    IReadOnlyList<string> ToStop,
    IReadOnlyList<Assignment> ToRestart,
    IReadOnlyList<Assignment> ToKeep,
    IReadOnlyList<string> Rejected);
