namespace MiniPaas.Scheduler.Placement;

/// <summary>PlacementFailure says why one requested instance could not be placed.</summary>
internal sealed record PlacementFailure(PlacementRequest Request, string Reason);
