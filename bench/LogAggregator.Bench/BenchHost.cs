using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MiniPaas.LogAggregator.Hosting;

namespace MiniPaas.LogAggregator.Bench;

/// <summary>The real aggregator in this process on free loopback ports, rate limit off, in a temporary directory.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string Token = "bench-token";

    private readonly WebApplication _app;

    private BenchHost(WebApplication app, string directory)
    {
        _app = app;
        Directory = directory;
        GrpcAddress = app.Services.GetRequiredService<BoundEndpoints>().GrpcUri;
    }

    public Uri GrpcAddress { get; }

    public string Directory { get; }

    public static async Task<BenchHost> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "minipaas-logaggregator-bench", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:DataDirectory"] = directory,
            ["MiniPaas:LogAggregator:GrpcEndpoint"] = "127.0.0.1:0",
            ["MiniPaas:LogAggregator:HttpEndpoint"] = "127.0.0.1:0",
            ["MiniPaas:LogAggregator:Token"] = Token,
            ["MiniPaas:LogAggregator:RateLimitLinesPerSecond"] = "0",
            ["MiniPaas:LogAggregator:RetentionBytesPerApp"] = (4L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.AddLogAggregator(writeToConsole: false);
        var app = builder.Build();
        app.MapLogAggregator();
        await app.StartAsync();
        return new BenchHost(app, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
