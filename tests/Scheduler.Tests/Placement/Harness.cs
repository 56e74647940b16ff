using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Placement;

namespace MiniPaas.Scheduler.Tests.Placement;

/// <summary>
/// Harness holds an in-memory cluster for placement tests: nodes and placed instances, with
/// <see cref="Place"/> committing each plan so later calls see earlier decisions.
/// </summary>
internal sealed class Harness
{
    private readonly Dictionary<string, PlacementNode> _nodes = new(StringComparer.Ordinal);
    private readonly List<PlacedInstance> _instances = [];

    public Harness AddNode(string id, long memoryMb = 4096, long diskMb = 10240, int slots = 0, NodeState state = NodeState.Ready)
    {
        _nodes[id] = new PlacementNode(id, state, new ResourceAmounts(memoryMb, diskMb, slots), default);
        return this;
    }

    /// <summary>Puts an instance on a node as if placed earlier.</summary>
    public Harness AddInstance(string nodeId, string app, long memoryMb = 256, long diskMb = 1024)
    {
        Reserve(nodeId, app, memoryMb, diskMb);
        return this;
    }

    public PlacementSnapshot Snapshot() => new(_nodes.Values.ToList(), _instances.ToList());

    public PlacementPlan Place(params PlacementRequest[] requests)
    {
        var plan = Placer.Place(Snapshot(), requests);
        foreach (var decision in plan.Placed)
        {
            Reserve(decision.NodeId, decision.Request.App, decision.Request.MemoryMb, decision.Request.DiskMb);
        }

        return plan;
    }

    public static PlacementRequest[] Requests(string app, int count, long memoryMb = 256, long diskMb = 1024) =>
        Enumerable.Range(0, count).Select(i => new PlacementRequest(app, i, memoryMb, diskMb)).ToArray();

    public int CountOn(string nodeId, string? app = null) =>
        _instances.Count(i => i.NodeId == nodeId && (app is null || i.App == app));

    private void Reserve(string nodeId, string app, long memoryMb, long diskMb)
    {
        var node = _nodes[nodeId];
        _nodes[nodeId] = node with
        {
            Used = new ResourceAmounts(node.Used.MemoryMb + memoryMb, node.Used.DiskMb + diskMb, node.Used.Instances + 1),
        };
        _instances.Add(new PlacedInstance(nodeId, app));
    }
}
