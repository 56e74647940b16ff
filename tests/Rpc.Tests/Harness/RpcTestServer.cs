using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MiniPaas.Rpc.Tests.Harness;

/// <summary>A real Kestrel server on 127.0.0.1 with a free port, serving the C# Echo service.</summary>
internal sealed class RpcTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RpcTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
        Probe = app.Services.GetRequiredService<CallProbe>();
        Logs = app.Services.GetRequiredService<LogSink>();
    }

    public Uri Address { get; }

    public CallProbe Probe { get; }

    public LogSink Logs { get; }

    public static async Task<RpcTestServer> StartAsync(Action<RpcServerOptions>? configure = null, HttpProtocols protocols = HttpProtocols.Http2)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (protocols == HttpProtocols.Http2)
            {
                kestrel.ListenRpc(IPAddress.Loopback, 0);
            }
            else
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = protocols);
            }
        });
        var logs = new LogSink();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton<CallProbe>();
        builder.Services.AddScoped<EchoService>();
        builder.Services.AddRpc(configure);

        var app = builder.Build();
        app.MapRpcService<EchoService>(EchoMethods.Service);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RpcTestServer(app, new Uri(address));
    }

    public RpcChannel CreateChannel(RpcChannelOptions? options = null) => new(Address, options);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
