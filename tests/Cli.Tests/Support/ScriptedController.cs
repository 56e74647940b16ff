using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Tests.Support;

/// <summary>A real Kestrel h2c server on a free 127.0.0.1 port serving the scripted Controller, with bearer-token checks like the real one.</summary>
internal sealed class ScriptedController : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedController(WebApplication app, Uri address, ScriptedControllerState state)
    {
        _app = app;
        Address = address;
        State = state;
    }

    public Uri Address { get; }

    /// <summary><c>127.0.0.1:PORT</c>, as a user would pass to --api.</summary>
    public string HostAndPort => Address.Authority;

    public ScriptedControllerState State { get; }

    public static async Task<ScriptedController> StartAsync()
    {
        var state = new ScriptedControllerState();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenRpc(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(state);
        builder.Services.AddScoped<ScriptedControllerService>();
        builder.Services.AddRpc(options => options.Authorize = context =>
        {
            var authorization = context.RequestHeaders.GetValue("authorization");
            state.Authorizations.Enqueue(authorization);
            return authorization == "Bearer " + ScriptedControllerState.Token
                ? ValueTask.CompletedTask
                : throw new RpcException(StatusCode.Unauthenticated, "a valid admin token is required");
        });

        var app = builder.Build();
        app.MapRpcService<ScriptedControllerService>(ControllerReflection.Descriptor.Services.Single(s => s.Name == "Controller"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ScriptedController(app, new Uri(address), state);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
