namespace MiniPaas.Scheduler.Placement;

/// <summary>PlacementPlan is the outcome of one placement: every request is either placed or failed.</summary>
internal sealed record PlacementPlan(IReadOnlyList<PlacementDecision> Placed, IReadOnlyList<PlacementFailure> Unplaced);
