using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MiniPaas.Contracts.V1;
using MiniPaas.Router.Hosting;
using MiniPaas.Router.Routing;

namespace MiniPaas.Router.Bench;

/// <summary>
/// One GET forwarded in-process: the real router (Kestrel, host lookup, YARP, access log sink, metrics)
/// in front of a Kestrel backend, both on loopback, against the same GET sent to the backend directly.
/// </summary>
[MemoryDiagnoser]
public class ForwardingBenchmarks
{
    private WebApplication _backend = null!;
    private WebApplication _router = null!;
    private HttpClient _client = null!;
    private Uri _direct = null!;
    private Uri _proxied = null!;

    [GlobalSetup]
    public async Task Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _backend = builder.Build();
        _backend.MapGet("/", () => "hello from the backend");
        await _backend.StartAsync();
        var backendAddress = new Uri(_backend.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

        _router = RouterApplication.Create(
        [
            "--MiniPaas:Router:ListenUrl=http://127.0.0.1:0",
            "--MiniPaas:Router:AdminUrl=http://127.0.0.1:0",
            $"--MiniPaas:Router:SchedulerAddress=http://127.0.0.1:{UnusedPort()}",
            "--Logging:LogLevel:Default=None",
        ]);
        await _router.StartAsync();
        var table = new RouteTable { Version = 1 };
        var app = new AppRoute { App = "hello" };
        app.Matches.Add(new MiniPaas.Contracts.V1.RouteMatch { Host = "hello.localhost" });
        app.Destinations.Add(new RouteDestination { InstanceId = "hello-0", Index = 0, Address = backendAddress.Authority });
        table.Apps.Add(app);
        _router.Services.GetRequiredService<RouteTableStore>().Apply(table, RouteTableSource.Scheduler);

        var proxy = _router.Services.GetRequiredService<RouterEndpoints>().ProxyEndPoint;
        _client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        _direct = backendAddress;
        _proxied = new Uri($"http://{proxy}/");
        using var check = await SendAsync(_proxied);
        if (await check.Content.ReadAsStringAsync() != "hello from the backend")
        {
            throw new InvalidOperationException("the router did not forward the warm-up request");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        _client.Dispose();
        await _router.StopAsync();
        await _router.DisposeAsync();
        await _backend.StopAsync();
        await _backend.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "GET backend directly")]
    public async Task<int> Direct()
    {
        using var response = await SendAsync(_direct);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    [Benchmark(Description = "GET through the router")]
    public async Task<int> ThroughRouter()
    {
        using var response = await SendAsync(_proxied);
        return (await response.Content.ReadAsByteArrayAsync()).Length;
    }

    private Task<HttpResponseMessage> SendAsync(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Host = "hello.localhost";
        return _client.SendAsync(request);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
