using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using MiniPaas.LogAggregator.Hosting;

namespace MiniPaas.Cli.Tests.Support;

/// <summary>The real log aggregator hosted in the test process on free loopback ports, with its own data directory.</summary>
internal sealed class LogAggregatorServer : IAsyncDisposable
{
    public const string Token = "cli-tests-logs-token";

    private readonly WebApplication _app;
    private readonly TempDirectory _data;

    private LogAggregatorServer(WebApplication app, TempDirectory data, int port)
    {
        _app = app;
        _data = data;
        Address = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
    }

    public Uri Address { get; }

    public string HostAndPort => Address.Authority;

    public static async Task<LogAggregatorServer> StartAsync()
    {
        var data = new TempDirectory();
        var grpcPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = data.Path, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:DataDirectory"] = data.Path,
            ["MiniPaas:LogAggregator:GrpcEndpoint"] = "127.0.0.1:" + grpcPort.ToString(CultureInfo.InvariantCulture),
            ["MiniPaas:LogAggregator:HttpEndpoint"] = "127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture),
            ["MiniPaas:LogAggregator:Token"] = Token,
        });
        builder.AddLogAggregator(writeToConsole: false);
        var app = builder.Build();
        app.MapLogAggregator();
        await app.StartAsync();
        return new LogAggregatorServer(app, data, grpcPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _data.Dispose();
    }
}
