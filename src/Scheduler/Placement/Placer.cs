using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Placement;

/// <summary>
/// Placer decides which node runs each requested instance. Pure and deterministic: the same
/// snapshot and requests always give the same plan, and nothing here does I/O.
/// Pipeline per request: feasibility → spread → least loaded → node id (see README.md).
/// </summary>
internal static class Placer
{
    /// <summary>
    /// Place assigns <paramref name="requests"/> in order; each decision counts against the nodes
    /// for the requests after it, so a batch spreads instead of piling onto one node.
    /// </summary>
    public static PlacementPlan Place(PlacementSnapshot snapshot, IReadOnlyList<PlacementRequest> requests)
    {
        var cluster = new Cluster(snapshot);
        var placed = new List<PlacementDecision>(requests.Count);
        var unplaced = new List<PlacementFailure>();
        foreach (var request in requests)
        {
            var node = cluster.SelectNode(request);
            if (node < 0)
            {
                unplaced.Add(new PlacementFailure(request, cluster.ExplainNoFit(request)));
                continue;
            }

            cluster.Reserve(node, request);
            placed.Add(new PlacementDecision(request, cluster.NodeIds[node]));
        }

        return new PlacementPlan(placed, unplaced);
    }

    /// <summary>Mutable working copy of the snapshot, laid out in arrays for a fast scan.</summary>
    private sealed class Cluster
    {
        private readonly bool[] _ready;
        private readonly long[] _capacityMemory;
        private readonly long[] _capacityDisk;
        private readonly int[] _capacitySlots;
        private readonly long[] _usedMemory;
        private readonly long[] _usedDisk;
        private readonly int[] _usedSlots;
        private readonly Dictionary<string, int> _indexById;
        private readonly Dictionary<string, int[]> _instancesPerAppAndNode = new(StringComparer.Ordinal);
        private readonly IReadOnlyList<PlacedInstance> _existing;

        public Cluster(PlacementSnapshot snapshot)
        {
            // Node-id order makes "first best wins" the stable tie-break. The store already lists
            // nodes by id, so the sort (thousands of string compares per pass) is only paid when a
            // caller hands them over unordered.
            var nodes = IsOrderedById(snapshot.Nodes)
                ? snapshot.Nodes
                : snapshot.Nodes.OrderBy(n => n.NodeId, StringComparer.Ordinal).ToArray();
            var count = nodes.Count;
            NodeIds = new string[count];
            _ready = new bool[count];
            _capacityMemory = new long[count];
            _capacityDisk = new long[count];
            _capacitySlots = new int[count];
            _usedMemory = new long[count];
            _usedDisk = new long[count];
            _usedSlots = new int[count];
            _indexById = new Dictionary<string, int>(count, StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
            {
                var node = nodes[i];
                NodeIds[i] = node.NodeId;
                _ready[i] = node.State == NodeState.Ready;
                _capacityMemory[i] = node.Capacity.MemoryMb;
                _capacityDisk[i] = node.Capacity.DiskMb;
                _capacitySlots[i] = node.Capacity.Instances;
                _usedMemory[i] = node.Used.MemoryMb;
                _usedDisk[i] = node.Used.DiskMb;
                _usedSlots[i] = node.Used.Instances;
                _indexById[node.NodeId] = i;
            }

            _existing = snapshot.Existing;
        }

        private static bool IsOrderedById(IReadOnlyList<PlacementNode> nodes)
        {
            for (var i = 1; i < nodes.Count; i++)
            {
                if (string.CompareOrdinal(nodes[i - 1].NodeId, nodes[i].NodeId) > 0)
                {
                    return false;
                }
            }

            return true;
        }

        public string[] NodeIds { get; }

        public int SelectNode(PlacementRequest request)
        {
            var sameApp = InstancesOf(request.App);
            var best = -1;
            var bestSameApp = 0;
            var bestLoad = 0.0;
            for (var node = 0; node < NodeIds.Length; node++)
            {
                // 1. feasibility
                if (!Fits(node, request))
                {
                    continue;
                }

                // 2. spread, 3. least loaded; 4. equal scores keep the earlier (lower) node id.
                var load = Load(node);
                if (best < 0 || sameApp[node] < bestSameApp || (sameApp[node] == bestSameApp && load < bestLoad))
                {
                    best = node;
                    bestSameApp = sameApp[node];
                    bestLoad = load;
                }
            }

            return best;
        }

        public void Reserve(int node, PlacementRequest request)
        {
            _usedMemory[node] += request.MemoryMb;
            _usedDisk[node] += request.DiskMb;
            _usedSlots[node]++;
            InstancesOf(request.App)[node]++;
        }

        public string ExplainNoFit(PlacementRequest request)
        {
            var readyCount = 0;
            var withFreeSlot = 0;
            (long Free, string Node) memory = (-1, "");
            (long Free, string Node) disk = (-1, "");
            for (var node = 0; node < NodeIds.Length; node++)
            {
                if (!_ready[node])
                {
                    continue;
                }

                readyCount++;
                if (!HasFreeSlot(node))
                {
                    continue;
                }

                withFreeSlot++;
                var freeMemory = _capacityMemory[node] - _usedMemory[node];
                var freeDisk = _capacityDisk[node] - _usedDisk[node];
                if (freeMemory > memory.Free)
                {
                    memory = (freeMemory, NodeIds[node]);
                }

                if (freeDisk > disk.Free)
                {
                    disk = (freeDisk, NodeIds[node]);
                }
            }

            var what = $"{request.App}[{request.Index}] needs {request.MemoryMb} MB memory and {request.DiskMb} MB disk";
            if (readyCount == 0)
            {
                return $"no node fits: {what}, but none of the {NodeIds.Length} known nodes is ready";
            }

            if (withFreeSlot == 0)
            {
                return $"no node fits: {what}, but all {readyCount} ready nodes are at their instance limit";
            }

            return $"no node fits: {what}, largest free is {memory.Free} MB memory (on {memory.Node}) and {disk.Free} MB disk (on {disk.Node})";
        }

        private bool Fits(int node, PlacementRequest request) =>
            _ready[node]
            && HasFreeSlot(node)
            && _capacityMemory[node] - _usedMemory[node] >= request.MemoryMb
            && _capacityDisk[node] - _usedDisk[node] >= request.DiskMb;

        private bool HasFreeSlot(int node) => _capacitySlots[node] <= 0 || _usedSlots[node] < _capacitySlots[node];

        /// <summary>The node's fullest dimension as a fraction, so one scarce resource is not hidden by others.</summary>
        private double Load(int node)
        {
            var load = Fraction(_usedMemory[node], _capacityMemory[node]);
            load = Math.Max(load, Fraction(_usedDisk[node], _capacityDisk[node]));
            if (_capacitySlots[node] > 0)
            {
                load = Math.Max(load, Fraction(_usedSlots[node], _capacitySlots[node]));
            }

            return load;
        }

        private static double Fraction(long used, long capacity) => capacity <= 0 ? 1.0 : (double)used / capacity;

        private int[] InstancesOf(string app)
        {
            if (_instancesPerAppAndNode.TryGetValue(app, out var counts))
            {
                return counts;
            }

            // Built on first use per app, so a pass only pays for the apps it places.
            counts = new int[NodeIds.Length];
            foreach (var instance in _existing)
            {
                if (string.Equals(instance.App, app, StringComparison.Ordinal) && _indexById.TryGetValue(instance.NodeId, out var node))
                {
                    counts[node]++;
                }
            }

            _instancesPerAppAndNode[app] = counts;
            return counts;
        }
    }
}
