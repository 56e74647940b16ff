using System.Diagnostics;
using BenchmarkDotNet.Running;
using MiniPaas.Scheduler.Bench;

// `--quick` prints placements/s without BenchmarkDotNet's statistics (a few seconds);
// anything else is passed to BenchmarkDotNet, e.g. `--filter * --job short --inProcess`
// (--inProcess because the assembly name differs from the project file name, which BenchmarkDotNet's
// out-of-process toolchain cannot find). Measured on the 2-core machine: BatchSize=1 ≈ 10,000/s
// (dominated by building the per-pass working copy of 1,000 nodes), BatchSize=100 ≈ 220,000/s.
if (args.Contains("--quick"))
{
    var benchmark = new PlacementBenchmarks { BatchSize = 100 };
    benchmark.Setup();
    benchmark.PlaceBatch();
    var placements = 0L;
    var stopwatch = Stopwatch.StartNew();
    while (stopwatch.Elapsed < TimeSpan.FromSeconds(3))
    {
        placements += benchmark.PlaceBatch();
    }

    Console.WriteLine($"{placements / stopwatch.Elapsed.TotalSeconds:N0} placements/s over {PlacementBenchmarks.NodeCount} nodes");
    return;
}

var summary = BenchmarkSwitcher.FromAssembly(typeof(PlacementBenchmarks).Assembly).Run(args);
foreach (var report in summary.SelectMany(s => s.Reports))
{
    if (report.ResultStatistics is { } stats && report.BenchmarkCase.Parameters["BatchSize"] is int batch)
    {
        Console.WriteLine($"BatchSize={batch}: {batch / (stats.Mean / 1e9):N0} placements/s over {PlacementBenchmarks.NodeCount} nodes");
    }
}
