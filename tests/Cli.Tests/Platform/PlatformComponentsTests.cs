using MiniPaas.Cli.Api;
using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Platform;

public sealed class PlatformComponentsTests : IDisposable
{
    private readonly FakeRepository _repository = new();
    private readonly PlatformConfig _config = new() { AdminToken = "admin-secret", NodeToken = "node-secret", RegistryToken = "registry-secret", LogsToken = "logs-secret" };

    [Fact]
    public void All_DefaultLayout_StartsRegistrySchedulerThenAgents()
    {
        var components = All(new PlatformLayout { Home = "/h" });

        Assert.Equal(["registry", "logs", "scheduler", "node-1", "node-2", "router"], components.Select(c => c.Name));
    }

    [Fact]
    public void All_Registry_GetsUrlsDataDirectoryAndTokenByEnvironment()
    {
        var registry = All(new PlatformLayout { Home = "/h", RegistryPort = 5001 })[0];

        Assert.Equal(
            [Executables.DotnetHost(), _repository.Dll("Registry"), "--urls", "http://127.0.0.1:5001", "--Registry:DataDirectory=/h/registry", "--MiniPaas:LogAggregatorAddress=http://127.0.0.1:7080"],
            registry.Launch.Argv);
        Assert.Equal("registry-secret", registry.Launch.Environment["Registry__Token"]);
        Assert.Equal("logs-secret", registry.Launch.Environment["MiniPaas__LogAggregatorToken"]);
        Assert.Equal("/h", registry.Launch.Environment["MINIPAAS_HOME"]);
        Assert.Equal([(5001, "--registry-port")], registry.Ports);
    }

    [Fact]
    public void All_Scheduler_GetsItsMiniPaasSettings()
    {
        var scheduler = All(new PlatformLayout { Home = "/h", SchedulerPort = 7171, RegistryPort = 5001, RouterPort = 8181 })[2];

        Assert.Equal(
            [
                Executables.DotnetHost(), _repository.Dll("Scheduler"),
                "--MiniPaas:GrpcEndpoint=127.0.0.1:7171",
                "--MiniPaas:DataDirectory=/h/scheduler",
                "--MiniPaas:RegistryAddress=127.0.0.1:5001",
                "--MiniPaas:RouterHost=127.0.0.1",
                "--MiniPaas:RouterPort=8181",
                "--MiniPaas:LogAggregatorAddress=http://127.0.0.1:7080",
                "--MiniPaas:DashboardEndpoint=127.0.0.1:7071",
                "--MiniPaas:RouterAdminAddress=http://127.0.0.1:8081",
            ],
            scheduler.Launch.Argv);
        Assert.Equal("admin-secret", scheduler.Launch.Environment["MiniPaas__AdminToken"]);
        Assert.Equal("node-secret", scheduler.Launch.Environment["MiniPaas__NodeToken"]);
        Assert.Equal("registry-secret", scheduler.Launch.Environment["MiniPaas__RegistryToken"]);
        Assert.Equal("logs-secret", scheduler.Launch.Environment["MiniPaas__LogAggregatorToken"]);
    }

    [Fact]
    public void All_Agents_GetTheirSlotAndContainerLabels()
    {
        var layout = new PlatformLayout
        {
            Home = "/h", SchedulerPort = 7171, AgentCount = 2, AgentIpBase = "127.0.0.21", AgentPortStart = 40000, AgentPortsPerNode = 100,
            ContainerLabels = new Dictionary<string, string> { ["test.run"] = "abc" },
        };

        var agent = All(layout)[4];

        Assert.Equal(
            [
                Executables.DotnetHost(), _repository.Dll("Agent"),
                "--MiniPaas:Agent:NodeId=node-2",
                "--MiniPaas:Agent:SchedulerAddress=http://127.0.0.1:7171",
                "--MiniPaas:Agent:AdvertiseAddress=127.0.0.22",
                "--MiniPaas:Agent:PortRangeStart=40100",
                "--MiniPaas:Agent:PortRangeEnd=40199",
                "--MiniPaas:Agent:DataDirectory=/h/agents/node-2",
                "--MiniPaas:Agent:DockerSocket=/var/run/docker.sock",
                "--MiniPaas:Agent:LogAggregatorAddress=http://127.0.0.1:7080",
                "--MiniPaas:Agent:ContainerLabels:test.run=abc",
            ],
            agent.Launch.Argv);
        Assert.Equal("node-secret", agent.Launch.Environment["MiniPaas__Agent__NodeToken"]);
        Assert.Equal("logs-secret", agent.Launch.Environment["MiniPaas__Agent__LogAggregatorToken"]);
        Assert.Empty(agent.Ports);
    }

    [Fact]
    public void All_Router_FollowsTheSchedulerWithTheNodeToken()
    {
        var router = All(new PlatformLayout { Home = "/h", SchedulerPort = 7171, RouterPort = 8180, RouterAdminPort = 8181 })[^1];

        Assert.Equal(
            [
                Executables.DotnetHost(), _repository.Dll("Router"),
                "--MiniPaas:Router:ListenUrl=http://127.0.0.1:8180",
                "--MiniPaas:Router:AdminUrl=http://127.0.0.1:8181",
                "--MiniPaas:Router:SchedulerAddress=http://127.0.0.1:7171",
                "--MiniPaas:Router:RouterId=router-1",
                "--MiniPaas:Router:StateFile=/h/router/routes.json",
                "--MiniPaas:Router:LogAggregatorAddress=http://127.0.0.1:7080",
            ],
            router.Launch.Argv);
        Assert.Equal("node-secret", router.Launch.Environment["MiniPaas__Router__Token"]);
        Assert.Equal("logs-secret", router.Launch.Environment["MiniPaas__Router__LogAggregatorToken"]);
        Assert.Equal([(8180, "--router-port"), (8181, "--router-admin-port")], router.Ports);
    }

    [Fact]
    public void All_LogAggregator_StartsBeforeTheSchedulerWithItsPortsAndTokenByEnvironment()
    {
        var logs = All(new PlatformLayout { Home = "/h", LogsPort = 7180, LogsHttpPort = 7181 })[1];

        Assert.Equal(
            [
                Executables.DotnetHost(), _repository.Dll("LogAggregator"),
                "--MiniPaas:LogAggregator:GrpcEndpoint=127.0.0.1:7180",
                "--MiniPaas:LogAggregator:HttpEndpoint=127.0.0.1:7181",
                "--MiniPaas:LogAggregator:DataDirectory=/h/log-aggregator",
            ],
            logs.Launch.Argv);
        Assert.Equal("logs-secret", logs.Launch.Environment["MiniPaas__LogAggregator__Token"]);
        Assert.Equal([(7180, "--logs-port"), (7181, "--logs-http-port")], logs.Ports);
    }

    [Fact]
    public void All_AnyComponent_KeepsTokensOutOfItsCommandLine()
    {
        var components = All(new PlatformLayout { Home = "/h" });

        Assert.All(components, c => Assert.DoesNotContain(c.Launch.Argv, a => a.Contains("secret", StringComparison.Ordinal)));
    }

    [Fact]
    public void All_MissingBuildOutput_SaysHowToBuild()
    {
        File.Delete(_repository.Dll("Scheduler"));

        var error = Assert.Throws<CliException>(() => All(new PlatformLayout { Home = "/h" }));

        Assert.Equal($"{_repository.Dll("Scheduler")} does not exist: build the platform first (./minipaas builds it, or dotnet build MiniPaas.sln -c Release)", error.Message);
    }

    private IReadOnlyList<PlatformComponent> All(PlatformLayout layout)
    {
        var controller = new Lazy<ControllerClient>(() => new ControllerClient(new ConnectionSettings(layout.SchedulerUrl, "admin-secret", "test", "test"), TimeProvider.System));
        return PlatformComponents.All(layout, _config, new BuildOutputs(_repository.Root, _repository.Configuration), () => controller.Value);
    }

    public void Dispose() => _repository.Dispose();
}
