using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace MiniPaas.Router.Bench;

/// <summary>Choosing a destination with the YARP policies the router maps load_balancing to.</summary>
[MemoryDiagnoser]
public class DestinationChoiceBenchmarks
{
    private ServiceProvider _services = null!;
    private ILoadBalancingPolicy _policy = null!;
    private ClusterState _cluster = null!;
    private DestinationState[] _destinations = null!;
    private HttpContext _context = null!;

    [Params("RoundRobin", "LeastRequests", "PowerOfTwoChoices")]
    public string Policy { get; set; } = "RoundRobin";

    [Params(3, 100)]
    public int Destinations { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReverseProxy();
        _services = services.BuildServiceProvider();
        _policy = _services.GetServices<ILoadBalancingPolicy>().Single(p => p.Name == Policy);
        _cluster = new ClusterState("bench");
        _destinations = Enumerable.Range(0, Destinations).Select(i => new DestinationState($"d-{i}")).ToArray();
        _context = new DefaultHttpContext();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "pick destination")]
    public DestinationState? Pick() => _policy.PickDestination(_context, _cluster, _destinations);
}
