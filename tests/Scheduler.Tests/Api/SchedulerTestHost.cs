using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Store;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Api;

/// <summary>The real scheduler hosted in the test process on 127.0.0.1:0 with its own data directory.</summary>
internal sealed class SchedulerTestHost : IAsyncDisposable
{
    public const string AdminToken = "admin-token-for-tests";
    public const string NodeToken = "node-token-for-tests";

    private readonly WebApplication _app;

    private SchedulerTestHost(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public SchedulerStore Store => _app.Services.GetRequiredService<SchedulerStore>();

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<SchedulerTestHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null, LogCapture? logs = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Testing" });
        var config = new Dictionary<string, string?>
        {
            ["MiniPaas:DataDirectory"] = dataDirectory,
            ["MiniPaas:GrpcEndpoint"] = "127.0.0.1:0",
            // Off: these tests talk gRPC only, and the address below must be the gRPC one.
            ["MiniPaas:DashboardEndpoint"] = "",
            ["MiniPaas:RouterAdminAddress"] = "",
            ["MiniPaas:AdminToken"] = AdminToken,
            ["MiniPaas:NodeToken"] = NodeToken,
            ["MiniPaas:ConvergenceInterval"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }
        builder.AddScheduler();
        var app = builder.Build();
        app.MapScheduler();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SchedulerTestHost(app, new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public RpcChannel Channel(string? token = AdminToken) => new(Address, new RpcChannelOptions { BearerToken = token });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
