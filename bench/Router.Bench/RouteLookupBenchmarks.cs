using BenchmarkDotNet.Attributes;
using MiniPaas.Contracts.V1;
using MiniPaas.Router.Routing;

namespace MiniPaas.Router.Bench;

/// <summary>
/// Host/path lookup in a table of 10,000 apps (each with a host route, every tenth with an extra
/// path-prefix route on a shared host), and the cost of translating such a table into YARP config.
/// </summary>
[MemoryDiagnoser]
public class RouteLookupBenchmarks
{
    private const int Apps = 10_000;
    private RouteTable _table = null!;
    private HostRouteIndex _index = null!;
    private string[] _hosts = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _table = new RouteTable { Version = 1 };
        for (var i = 0; i < Apps; i++)
        {
            var app = new AppRoute { App = $"app-{i}" };
            app.Matches.Add(new MiniPaas.Contracts.V1.RouteMatch { Host = $"app-{i}.localhost" });
            if (i % 10 == 0)
            {
                app.Matches.Add(new MiniPaas.Contracts.V1.RouteMatch { Host = "shared.localhost", PathPrefix = $"/svc-{i}" });
            }

            app.Destinations.Add(new RouteDestination { InstanceId = $"app-{i}-0", Index = 0, Address = $"127.0.0.11:{61000 + (i % 500)}" });
            _table.Apps.Add(app);
        }

        _index = ProxyConfigTranslator.Translate(_table, new ProxyConfigSettings("minipaas-affinity", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(100))).Index;
        var random = new Random(42);
        _hosts = Enumerable.Range(0, 4096).Select(_ => $"App-{random.Next(Apps)}.LOCALHOST").ToArray();
    }

    [Benchmark(Description = "lookup: host hit (10k apps)")]
    public string? HostHit() => _index.Lookup(_hosts[_next++ & 4095], "/some/page").Entry?.RouteId;

    [Benchmark(Description = "lookup: shared host, path prefix (1k prefixes)")]
    public string? PrefixHit() => _index.Lookup("shared.localhost", "/svc-5000/users/7").Entry?.RouteId;

    [Benchmark(Description = "lookup: unknown host")]
    public bool Miss() => _index.Lookup("nope.localhost", "/").HostKnown;

    [Benchmark(Description = "translate 10k-app table to YARP config")]
    public int Translate() => ProxyConfigTranslator.Translate(_table, new ProxyConfigSettings("minipaas-affinity", TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(100))).Routes.Count;
}
