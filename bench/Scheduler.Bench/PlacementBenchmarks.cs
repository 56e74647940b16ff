using BenchmarkDotNet.Attributes;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Placement;

namespace MiniPaas.Scheduler.Bench;

/// <summary>
/// PlacementBenchmarks measures placement over 1,000 simulated nodes that already run 5,000
/// instances of 100 apps. One operation places <see cref="BatchSize"/> instances, so
/// placements/s = BatchSize / mean time (the program prints it).
/// </summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    public const int NodeCount = 1000;

    private PlacementSnapshot _snapshot = null!;
    private PlacementRequest[] _requests = null!;

    [Params(1, 100)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var nodes = new List<PlacementNode>(NodeCount);
        var existing = new List<PlacedInstance>();
        for (var i = 0; i < NodeCount; i++)
        {
            var id = $"node-{i:D4}";
            var count = 5;
            nodes.Add(new PlacementNode(id, i % 50 == 0 ? NodeState.Lost : NodeState.Ready, new ResourceAmounts(16384, 102400, 100), new ResourceAmounts(count * 256, count * 1024, count)));
            for (var k = 0; k < count; k++)
            {
                existing.Add(new PlacedInstance(id, $"app-{(i + k) % 100}"));
            }
        }

        _snapshot = new PlacementSnapshot(nodes, existing);
        _requests = Enumerable.Range(0, BatchSize).Select(i => new PlacementRequest("app-7", i, 256, 1024)).ToArray();
    }

    [Benchmark]
    public int PlaceBatch() => Placer.Place(_snapshot, _requests).Placed.Count;
}
