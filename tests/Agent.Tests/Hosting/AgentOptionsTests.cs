using MiniPaas.Agent.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MiniPaas.Agent.Tests.Hosting;

public sealed class AgentOptionsTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "minipaas-agent-options-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void AddAgent_CommandLineArguments_BindTheSection()
    {
        var options = Resolve(
            "--MiniPaas:Agent:NodeId=node-7",
            "--MiniPaas:Agent:AdvertiseAddress=127.0.0.17",
            "--MiniPaas:Agent:PortRangeStart=62000",
            "--MiniPaas:Agent:PortRangeEnd=62099",
            "--MiniPaas:Agent:HeartbeatInterval=00:00:02",
            "--MiniPaas:Agent:Labels:zone=a",
            $"--MiniPaas:Agent:DataDirectory={_dataDirectory}");

        Assert.Equal("node-7", options.NodeId);
        Assert.Equal("127.0.0.17", options.AdvertiseAddress);
        Assert.Equal(62000, options.PortRangeStart);
        Assert.Equal(62099, options.PortRangeEnd);
        Assert.Equal(TimeSpan.FromSeconds(2), options.HeartbeatInterval);
        Assert.Equal("a", options.Labels["zone"]);
    }

    [Fact]
    public void AddAgent_NothingConfigured_UsesDocumentedDefaults()
    {
        var options = Resolve("--MiniPaas:Agent:NodeId=node-1", $"--MiniPaas:Agent:DataDirectory={_dataDirectory}");

        Assert.Equal("http://127.0.0.1:7070", options.SchedulerAddress);
        Assert.Equal("127.0.0.11", options.AdvertiseAddress);
        Assert.Equal(4096, options.MemoryMb);
        Assert.Equal(32, options.MaxInstances);
        Assert.Equal(TimeSpan.FromSeconds(1), options.HeartbeatInterval);
        Assert.Equal("/var/run/docker.sock", options.DockerSocket);
    }

    [Fact]
    public void AddAgent_NoNodeId_GeneratesOneAndKeepsIt()
    {
        var first = Resolve($"--MiniPaas:Agent:DataDirectory={_dataDirectory}");
        var second = Resolve($"--MiniPaas:Agent:DataDirectory={_dataDirectory}");

        Assert.Matches("^node-[0-9a-f]{8}$", first.NodeId);
        Assert.Equal(first.NodeId, second.NodeId);
        Assert.Equal(first.NodeId, File.ReadAllText(Path.Combine(_dataDirectory, "node-id")).Trim());
    }

    [Fact]
    public void AddAgent_InvalidSettings_FailNamingEachKey()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve(
            "--MiniPaas:Agent:NodeId=bad node",
            "--MiniPaas:Agent:SchedulerAddress=127.0.0.1:7070",
            "--MiniPaas:Agent:AdvertiseAddress=0.0.0.0",
            "--MiniPaas:Agent:PortRangeStart=62000",
            "--MiniPaas:Agent:PortRangeEnd=61000",
            "--MiniPaas:Agent:MaxInstances=0",
            "--MiniPaas:Agent:ContainerLabels:minipaas.node=x",
            $"--MiniPaas:Agent:DataDirectory={_dataDirectory}"));

        var messages = string.Join("\n", error.Failures);
        Assert.Contains("MiniPaas:Agent:NodeId 'bad node'", messages);
        Assert.Contains("MiniPaas:Agent:SchedulerAddress", messages);
        Assert.Contains("MiniPaas:Agent:AdvertiseAddress '0.0.0.0'", messages);
        Assert.Contains("MiniPaas:Agent:PortRangeEnd 61000 must not be below", messages);
        Assert.Contains("MiniPaas:Agent:MaxInstances 0", messages);
        Assert.Contains("MiniPaas:Agent:ContainerLabels:minipaas.node is reserved", messages);
    }

    [Fact]
    public void AddAgent_EnvironmentVariablesWithDoubleUnderscores_BindTheSection()
    {
        // A prefix of its own keeps the variables away from other tests in this process; the
        // provider strips it, leaving exactly what an operator would export.
        var prefix = "MINIPAAS_AGENT_TEST_" + Guid.NewGuid().ToString("N") + "_";
        Environment.SetEnvironmentVariable(prefix + "MiniPaas__Agent__NodeId", "node-env");
        Environment.SetEnvironmentVariable(prefix + "MiniPaas__Agent__MemoryMb", "2048");
        Environment.SetEnvironmentVariable(prefix + "MiniPaas__Agent__DataDirectory", _dataDirectory);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddEnvironmentVariables(prefix);
            builder.AddAgent();
            using var host = builder.Build();

            var options = host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;

            Assert.Equal("node-env", options.NodeId);
            Assert.Equal(2048, options.MemoryMb);
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "MiniPaas__Agent__NodeId", null);
            Environment.SetEnvironmentVariable(prefix + "MiniPaas__Agent__MemoryMb", null);
            Environment.SetEnvironmentVariable(prefix + "MiniPaas__Agent__DataDirectory", null);
        }
    }

    [Fact]
    public void OwnershipLabels_ExtraContainerLabels_AreIncludedWithTheNodeId()
    {
        var options = new AgentOptions { NodeId = "node-1" };
        options.ContainerLabels["minipaas.test"] = "run-7";

        var labels = options.OwnershipLabels();

        Assert.Equal("node-1", labels["minipaas.node"]);
        Assert.Equal("run-7", labels["minipaas.test"]);
        Assert.Equal(2, labels.Count);
    }

    private static AgentOptions Resolve(params string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = args });
        builder.Configuration.AddCommandLine(args);
        builder.AddAgent();
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptions<AgentOptions>>().Value;
    }
}
