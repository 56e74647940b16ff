using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace MiniPaas.Router.Tests.Infrastructure;

/// <summary>
/// A scheduler stand-in hosting the real RouteDiscovery contract over MiniPaas.Rpc (h2c on a loopback port),
/// with the bearer-token check the real one does.
/// </summary>
internal sealed class FakeScheduler : IAsyncDisposable
{
    public const string Token = "router-test-token";

    private readonly WebApplication _app;

    private FakeScheduler(WebApplication app, RouteTablePublisher publisher, int port)
    {
        _app = app;
        Publisher = publisher;
        Port = port;
    }

    public RouteTablePublisher Publisher { get; }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>Starts on <paramref name="port"/> (0 = a free one) serving <paramref name="initial"/>.</summary>
    public static async Task<FakeScheduler> StartAsync(RouteTable initial, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenRpc(IPAddress.Loopback, port));
        var publisher = new RouteTablePublisher(initial);
        builder.Services.AddSingleton(publisher);
        builder.Services.AddScoped<FakeRouteDiscovery>();
        builder.Services.AddRpc(o => o.Authorize = context =>
        {
            var authorization = context.RequestHeaders.GetValue("authorization");
            return authorization == "Bearer " + Token
                ? ValueTask.CompletedTask
                : throw new RpcException(StatusCode.Unauthenticated, "missing or wrong bearer token");
        });
        var app = builder.Build();
        app.MapRpcService<FakeRouteDiscovery>(RoutesReflection.Descriptor.FindTypeByName<ProtoServiceDescriptor>("RouteDiscovery"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new FakeScheduler(app, publisher, new Uri(address).Port);
    }

    public void Publish(RouteTable table) => Publisher.Publish(table);

    /// <summary>Stops at once: open streams are cut, not drained, as when the scheduler process dies.</summary>
    public async ValueTask DisposeAsync()
    {
        using var now = new CancellationTokenSource();
        await now.CancelAsync();
        try
        {
            await _app.StopAsync(now.Token);
        }
        catch (OperationCanceledException)
        {
        }

        await _app.DisposeAsync();
    }
}
