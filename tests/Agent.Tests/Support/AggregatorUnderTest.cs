using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Hosting;
using MiniPaas.Rpc;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>The real log aggregator, hosted in the test process on free loopback ports with its own data directory.</summary>
internal sealed class AggregatorUnderTest : IAsyncDisposable
{
    public const string Token = "agent-tests-aggregator-token";

    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly RpcChannel _channel;

    private AggregatorUnderTest(WebApplication app, string dataDirectory, Uri address)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Address = address;
        _channel = new RpcChannel(address, new RpcChannelOptions { BearerToken = Token });
    }

    /// <summary>The gRPC (h2c) address the agent ships to.</summary>
    public Uri Address { get; }

    /// <summary>The agent settings that point it at this aggregator.</summary>
    public IReadOnlyDictionary<string, string?> AgentSettings => new Dictionary<string, string?>
    {
        ["MiniPaas:Agent:LogAggregatorAddress"] = Address.ToString(),
        ["MiniPaas:Agent:LogAggregatorToken"] = Token,
    };

    public static async Task<AggregatorUnderTest> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "agent-tests-logs-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDirectory);
        var (grpcPort, httpPort) = FreePorts.Range(IPAddress.Loopback, 2);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = dataDirectory, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:DataDirectory"] = dataDirectory,
            ["MiniPaas:LogAggregator:GrpcEndpoint"] = "127.0.0.1:" + grpcPort.ToString(CultureInfo.InvariantCulture),
            ["MiniPaas:LogAggregator:HttpEndpoint"] = "127.0.0.1:" + httpPort.ToString(CultureInfo.InvariantCulture),
            ["MiniPaas:LogAggregator:Token"] = Token,
        });
        builder.AddLogAggregator(writeToConsole: false);
        var app = builder.Build();
        app.MapLogAggregator();
        await app.StartAsync();
        return new AggregatorUnderTest(app, dataDirectory, new Uri("http://127.0.0.1:" + grpcPort.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The app's stored lines (oldest first), or none while the aggregator has none for it.</summary>
    public async Task<IReadOnlyList<LogEntry>> RecentAsync(string app, params string[] sourceTypes)
    {
        var query = new LogQuery { App = app, Limit = 1000 };
        query.SourceTypes.Add(sourceTypes);
        try
        {
            var page = await _channel.UnaryAsync(LogServiceMethods.Recent, query);
            return page.Records.Select(record => record.Entry).ToList();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
