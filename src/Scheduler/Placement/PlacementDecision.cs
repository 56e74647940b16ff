namespace MiniPaas.Scheduler.Placement;

/// <summary>PlacementDecision puts one requested instance on a node.</summary>
internal sealed record PlacementDecision(PlacementRequest Request, string NodeId);
