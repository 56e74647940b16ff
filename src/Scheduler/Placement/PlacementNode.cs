using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Placement;

/// <summary>PlacementNode is a node as placement sees it: what it has, what is reserved, whether it takes work.</summary>
/// <param name="NodeId">The node's id; also the final tie-break.</param>
/// <param name="State">Only <see cref="NodeState.Ready"/> nodes are feasible.</param>
/// <param name="Capacity">Total memory, disk and instance slots (0 slots = no count limit).</param>
/// <param name="Used">What existing instances already reserve.</param>
internal sealed record PlacementNode(string NodeId, NodeState State, ResourceAmounts Capacity, ResourceAmounts Used);
