namespace MiniPaas.Scheduler.Placement;

/// <summary>PlacementRequest is one instance that needs a node.</summary>
internal sealed record PlacementRequest(string App, int Index, long MemoryMb, long DiskMb);
