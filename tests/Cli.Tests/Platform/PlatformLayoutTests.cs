using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Platform;

namespace MiniPaas.Cli.Tests.Platform;

public sealed class PlatformLayoutTests
{
    [Fact]
    public void Agents_Defaults_MatchTheDocumentedTopology()
    {
        var layout = new PlatformLayout { Home = "/tmp/h" }.Validated();

        Assert.Equal(
            [new AgentSlot("node-1", "127.0.0.11", 61000, 61499), new AgentSlot("node-2", "127.0.0.12", 61500, 61999)],
            layout.Agents);
        Assert.Equal(new Uri("http://127.0.0.1:7070"), layout.SchedulerUrl);
        Assert.Equal(new Uri("http://127.0.0.1:5000"), layout.RegistryUrl);
    }

    [Fact]
    public void Agents_CustomBaseAndRanges_AreSpreadFromThem()
    {
        var layout = new PlatformLayout { Home = "/tmp/h", AgentCount = 3, AgentIpBase = "127.0.0.21", AgentPortStart = 40000, AgentPortsPerNode = 10 }.Validated();

        Assert.Equal(new AgentSlot("node-3", "127.0.0.23", 40020, 40029), layout.Agents[2]);
    }

    [Theory]
    [InlineData(70000, 7070, 2, "127.0.0.11", "--registry-port: 70000 is not a port (1-65535)")]
    [InlineData(7070, 7070, 2, "127.0.0.11", "the registry, scheduler, router, router admin, log aggregator and dashboard ports must differ (got 7070, 7070, 8080, 8081, 7080, 7081, 7071)")]
    [InlineData(5000, 7070, 2, "192.0.2.1", "--agent-ip-base: \"192.0.2.1\" must be a 127.x.y.z address with room for 2 agents after it")]
    [InlineData(5000, 7070, 2, "127.0.0.255", "--agent-ip-base: \"127.0.0.255\" must be a 127.x.y.z address with room for 2 agents after it")]
    [InlineData(5000, 7070, -1, "127.0.0.11", "--agents: -1 is out of range (0-50)")]
    public void Validated_BadValues_NameTheFlag(int registryPort, int schedulerPort, int agents, string ipBase, string expected)
    {
        var layout = new PlatformLayout { Home = "/tmp/h", RegistryPort = registryPort, SchedulerPort = schedulerPort, AgentCount = agents, AgentIpBase = ipBase };

        var error = Assert.Throws<CliException>(() => layout.Validated());

        Assert.Equal(expected, error.Message);
    }
}
