using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Manifests;
using MiniPaas.Cli.Push;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Push;

public sealed class DeploymentPlannerTests : IDisposable
{
    private const string Manifest = """
        name: from-manifest
        instances: 2
        memory: 128M
        disk: 512M
        command: ./start.sh
        stack: busybox
        env:
          GREETING: hello
        health_check:
          type: http
          endpoint: /health
          timeout: 45s
          interval: 2s
          failure_threshold: 3
        """;

    private readonly TempDirectory _directory = new();

    [Fact]
    public void Plan_ManifestOnly_TakesEverySettingFromIt()
    {
        _directory.Write("app/minipaas.yml", Manifest);

        var plan = DeploymentPlanner.Plan(new PushFlags { Path = "app" }, _directory.Path);

        Assert.Equal("from-manifest", plan.AppName);
        Assert.Equal(_directory.Combine("app"), plan.SourceDirectory);
        Assert.Equal(_directory.Combine("app/minipaas.yml"), plan.ManifestPath);
        Assert.Equal(2, plan.Settings.Instances);
        Assert.True(plan.Settings.InstancesSet);
        Assert.Equal(128, plan.Settings.MemoryMb);
        Assert.Equal(512, plan.Settings.DiskMb);
        Assert.Equal("./start.sh", plan.Settings.Command);
        Assert.Equal("busybox", plan.Settings.Stack);
        Assert.Equal("hello", plan.Settings.Env["GREETING"]);
        Assert.Equal("http", plan.Settings.HealthCheck.Type);
        Assert.Equal("/health", plan.Settings.HealthCheck.Endpoint);
        Assert.Equal(45, plan.Settings.HealthCheck.StartupTimeoutSeconds);
        Assert.Equal(2000, plan.Settings.HealthCheck.IntervalMillis);
        Assert.Equal(3, plan.Settings.HealthCheck.FailureThreshold);
        Assert.Equal("rolling", plan.Strategy);
    }

    [Fact]
    public void Plan_FlagsAndManifest_FlagsWin()
    {
        _directory.Write("app/minipaas.yml", Manifest);
        var flags = new PushFlags
        {
            AppName = "from-flag",
            Path = "app",
            Instances = 5,
            Memory = "1G",
            Disk = "2G",
            Command = "./other.sh",
            Stack = "dotnet",
            HealthCheckType = "http",
            HealthCheckEndpoint = "/ready",
            Strategy = "recreate",
        };

        var plan = DeploymentPlanner.Plan(flags, _directory.Path);

        Assert.Equal("from-flag", plan.AppName);
        Assert.Equal(5, plan.Settings.Instances);
        Assert.Equal(1024, plan.Settings.MemoryMb);
        Assert.Equal(2048, plan.Settings.DiskMb);
        Assert.Equal("./other.sh", plan.Settings.Command);
        Assert.Equal("dotnet", plan.Settings.Stack);
        Assert.Equal("/ready", plan.Settings.HealthCheck.Endpoint);
        Assert.Equal(45, plan.Settings.HealthCheck.StartupTimeoutSeconds);
        Assert.Equal("recreate", plan.Strategy);
    }

    [Fact]
    public void Plan_PortTypeFlagOverManifestHttpCheck_DropsNothingSilentlyButRefusesTheEndpoint()
    {
        _directory.Write("app/minipaas.yml", Manifest);

        var error = Assert.Throws<CliException>(() =>
            DeploymentPlanner.Plan(new PushFlags { Path = "app", HealthCheckType = "port" }, _directory.Path));

        Assert.Equal("the manifest's health check endpoint /health needs an http health check, but the type is port (use --health-check-type http)", error.Message);
    }

    [Fact]
    public void Plan_NoManifest_LeavesUnsetValuesForTheController()
    {
        _directory.Write("app/index.html", "hi");

        var plan = DeploymentPlanner.Plan(new PushFlags { AppName = "bare", Path = "app" }, _directory.Path);

        Assert.Null(plan.ManifestPath);
        Assert.False(plan.Settings.InstancesSet);
        Assert.Equal(0, plan.Settings.Instances);
        Assert.Equal(0, plan.Settings.MemoryMb);
        Assert.Equal("", plan.Settings.Stack);
        Assert.Null(plan.Settings.HealthCheck);
        Assert.Empty(plan.Settings.Env);
    }

    [Fact]
    public void Plan_RouterSettings_FlagsOverrideManifest()
    {
        _directory.Write("minipaas.yml", "name: web\nload_balancing: least_requests\nsticky_sessions: true\n");

        var fromManifest = DeploymentPlanner.Plan(new PushFlags(), _directory.Path);
        var fromFlags = DeploymentPlanner.Plan(new PushFlags { LoadBalancing = "power_of_two_choices", StickySessions = false }, _directory.Path);

        Assert.Equal(("least_requests", true, true), (fromManifest.Settings.LoadBalancing, fromManifest.Settings.StickySessions, fromManifest.Settings.StickySessionsSet));
        Assert.Equal(("power_of_two_choices", false, true), (fromFlags.Settings.LoadBalancing, fromFlags.Settings.StickySessions, fromFlags.Settings.StickySessionsSet));
    }

    [Fact]
    public void Plan_NoRouterSettings_LeavesThemUnset()
    {
        var plan = DeploymentPlanner.Plan(new PushFlags { AppName = "web" }, _directory.Path);

        Assert.Equal(("", false), (plan.Settings.LoadBalancing, plan.Settings.StickySessionsSet));
    }

    [Fact]
    public void Plan_ZeroInstancesFlag_IsMarkedAsSet()
    {
        var plan = DeploymentPlanner.Plan(new PushFlags { AppName = "idle", Instances = 0 }, _directory.Path);

        Assert.True(plan.Settings.InstancesSet);
        Assert.Equal(0, plan.Settings.Instances);
        Assert.Equal(_directory.Path, plan.SourceDirectory);
    }

    [Fact]
    public void Plan_EndpointFlagAlone_ImpliesHttpCheck()
    {
        var plan = DeploymentPlanner.Plan(new PushFlags { AppName = "web", HealthCheckEndpoint = "/health" }, _directory.Path);

        Assert.Equal("http", plan.Settings.HealthCheck.Type);
        Assert.Equal("/health", plan.Settings.HealthCheck.Endpoint);
    }

    [Fact]
    public void Plan_ExplicitManifestWithoutPath_PacksTheManifestsDirectory()
    {
        var manifest = _directory.Write("elsewhere/minipaas.yml", "name: there\n");

        var plan = DeploymentPlanner.Plan(new PushFlags { ManifestPath = manifest }, "/");

        Assert.Equal(_directory.Combine("elsewhere"), plan.SourceDirectory);
        Assert.Equal("there", plan.AppName);
    }

    [Fact]
    public void Plan_ManifestPathField_PicksTheDirectory()
    {
        Directory.CreateDirectory(_directory.Combine("code"));
        _directory.Write("minipaas.yml", "name: hello\npath: code\n");

        var plan = DeploymentPlanner.Plan(new PushFlags(), _directory.Path);

        Assert.Equal(_directory.Combine("code"), plan.SourceDirectory);
    }

    [Theory]
    [InlineData("64Q", null, null, null, "--memory: \"64Q\" is not a size (use 64M or 1G)")]
    [InlineData(null, "big", null, null, "--disk: \"big\" is not a size (use 64M or 1G)")]
    [InlineData(null, null, "blue-green", null, "--strategy: \"blue-green\" is not a strategy (use rolling or recreate)")]
    [InlineData(null, null, null, "tcp", "--health-check-type: \"tcp\" is not a health check type (use port, http, process)")]
    public void Plan_BadFlag_ErrorNamesTheFlag(string? memory, string? disk, string? strategy, string? healthType, string expected)
    {
        var flags = new PushFlags { AppName = "web", Memory = memory, Disk = disk, Strategy = strategy, HealthCheckType = healthType };

        var error = Assert.Throws<CliException>(() => DeploymentPlanner.Plan(flags, _directory.Path));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void Plan_NegativeInstances_NamesTheFlag()
    {
        var error = Assert.Throws<CliException>(() => DeploymentPlanner.Plan(new PushFlags { AppName = "web", Instances = -2 }, _directory.Path));

        Assert.Equal("--instances: must be at least 0, not -2", error.Message);
    }

    [Fact]
    public void Plan_EndpointWithoutSlash_NamesTheFlag()
    {
        var error = Assert.Throws<CliException>(() => DeploymentPlanner.Plan(new PushFlags { AppName = "web", HealthCheckEndpoint = "health" }, _directory.Path));

        Assert.Equal("--endpoint: \"health\" is not a path (it must start with /, e.g. /health)", error.Message);
    }

    [Fact]
    public void Plan_NoNameAnywhere_SaysWhereToGiveIt()
    {
        var error = Assert.Throws<CliException>(() => DeploymentPlanner.Plan(new PushFlags(), _directory.Path));

        Assert.Equal("no app name: run `minipaas push NAME` or set name: in minipaas.yml", error.Message);
    }

    [Fact]
    public void Plan_InvalidNameFlag_IsRefused()
    {
        var error = Assert.Throws<CliException>(() => DeploymentPlanner.Plan(new PushFlags { AppName = "My App" }, _directory.Path));

        Assert.Equal("app name \"My App\" is invalid: use lowercase letters, digits and '-' (at most 63)", error.Message);
    }

    [Fact]
    public void Plan_MissingDirectory_NamesThePathFlag()
    {
        var error = Assert.Throws<CliException>(() => DeploymentPlanner.Plan(new PushFlags { AppName = "web", Path = "nope" }, _directory.Path));

        Assert.Equal("--path: directory nope does not exist", error.Message);
    }

    [Fact]
    public void Plan_MissingExplicitManifest_NamesTheFlag()
    {
        var error = Assert.Throws<CliException>(() => DeploymentPlanner.Plan(new PushFlags { ManifestPath = "missing.yml" }, _directory.Path));

        Assert.Equal("-f: manifest missing.yml does not exist", error.Message);
    }

    [Fact]
    public void Plan_InvalidManifest_PropagatesTheFieldError()
    {
        _directory.Write("minipaas.yml", "name: web\nmemory: 64Q\n");

        var error = Assert.Throws<ManifestException>(() => DeploymentPlanner.Plan(new PushFlags(), _directory.Path));

        Assert.Equal("minipaas.yml: memory: \"64Q\" is not a size (use 64M or 1G)", error.Message);
    }

    public void Dispose() => _directory.Dispose();
}
