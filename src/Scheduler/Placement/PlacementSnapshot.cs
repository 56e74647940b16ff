namespace MiniPaas.Scheduler.Placement;

/// <summary>PlacementSnapshot is the read-only input to <see cref="Placer.Place"/>.</summary>
internal sealed record PlacementSnapshot(IReadOnlyList<PlacementNode> Nodes, IReadOnlyList<PlacedInstance> Existing);
