using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MiniPaas.LogAggregator.Hosting;
using MiniPaas.Rpc;

namespace MiniPaas.LogAggregator.Tests.Infrastructure;

/// <summary>The real aggregator hosted in the test process on free loopback ports with its own data directory.</summary>
internal sealed class AggregatorHost : IAsyncDisposable
{
    public const string Token = "aggregator-token-for-tests";

    private readonly WebApplication _app;

    private AggregatorHost(WebApplication app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
        var bound = app.Services.GetRequiredService<BoundEndpoints>();
        GrpcAddress = bound.GrpcUri;
        HttpAddress = bound.HttpUri;
    }

    public Uri GrpcAddress { get; }

    public Uri HttpAddress { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<AggregatorHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Testing" });
        var config = new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:DataDirectory"] = dataDirectory,
            ["MiniPaas:LogAggregator:GrpcEndpoint"] = "127.0.0.1:0",
            ["MiniPaas:LogAggregator:HttpEndpoint"] = "127.0.0.1:0",
            ["MiniPaas:LogAggregator:Token"] = Token,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        builder.AddLogAggregator(writeToConsole: false);
        var app = builder.Build();
        app.MapLogAggregator();
        await app.StartAsync();
        return new AggregatorHost(app, dataDirectory);
    }

    public RpcChannel Channel(string? token = Token) => new(GrpcAddress, new RpcChannelOptions { BearerToken = token });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
