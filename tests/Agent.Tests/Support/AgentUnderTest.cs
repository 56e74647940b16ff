using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MiniPaas.Agent.Hosting;
using Xunit.Abstractions;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>The real agent, hosted in the test process exactly as Program.cs hosts it, pointed at a fake scheduler.</summary>
internal sealed class AgentUnderTest : IAsyncDisposable
{
    /// <summary>Label every test container carries (through ContainerLabels) so leftovers can be found.</summary>
    public const string ContainerTestLabel = "test.minipaas.agent";

    private IHost? _host;

    private AgentUnderTest(IHost host, AgentTestSettings settings)
    {
        _host = host;
        Settings = settings;
    }

    public AgentTestSettings Settings { get; }

    public static async Task<AgentUnderTest> StartAsync(AgentTestSettings settings, ITestOutputHelper output)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MiniPaas:Agent:NodeId"] = settings.NodeId,
            ["MiniPaas:Agent:SchedulerAddress"] = settings.SchedulerAddress.ToString(),
            ["MiniPaas:Agent:AdvertiseAddress"] = settings.Address.ToString(),
            ["MiniPaas:Agent:PortRangeStart"] = settings.PortRangeStart.ToString(CultureInfo.InvariantCulture),
            ["MiniPaas:Agent:PortRangeEnd"] = settings.PortRangeEnd.ToString(CultureInfo.InvariantCulture),
            ["MiniPaas:Agent:HeartbeatInterval"] = "00:00:00.200",
            ["MiniPaas:Agent:StopTimeout"] = "00:00:02",
            ["MiniPaas:Agent:ReconnectMaxDelay"] = "00:00:01",
            ["MiniPaas:Agent:DataDirectory"] = settings.DataDirectory,
            ["MiniPaas:Agent:Labels:zone"] = "test",
            [$"MiniPaas:Agent:ContainerLabels:{ContainerTestLabel}"] = settings.NodeId,
        });
        if (settings.Extra is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings.Extra);
        }

        builder.Logging.AddProvider(new TestOutputLoggerProvider(output, settings.NodeId));
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.AddAgent();
        var host = builder.Build();
        await host.StartAsync();
        return new AgentUnderTest(host, settings);
    }

    /// <summary>Stops the agent as SIGTERM would; its containers stay.</summary>
    public async Task StopAsync()
    {
        if (_host is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
        _host = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
