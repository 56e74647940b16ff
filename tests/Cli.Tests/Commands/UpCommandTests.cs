using System.Net;
using System.Net.Sockets;
using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Commands;

/// <summary>
/// The checks <c>up</c> makes before it starts anything. Bringing real components up is the
/// end-to-end tests' job; here the build outputs are empty files that must never be run.
/// </summary>
public sealed class UpCommandTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly FakeRepository _repository = new();
    private readonly CliRun _cli = new();

    public UpCommandTests()
    {
        _cli.Environment["MINIPAAS_HOME"] = _home.Path;
        _cli.Environment["MINIPAAS_REPO"] = _repository.Root;
        _cli.Environment["MINIPAAS_BUILD_CONFIGURATION"] = _repository.Configuration;
        _cli.Environment["HOME"] = _home.Path;
    }

    [Fact]
    public async Task Up_RegistryPortTakenByAnotherProgram_NamesTheFlagAndStartsNothing()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var result = await _cli.RunAsync("up", "--registry-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--scheduler-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: registry: port {port} on 127.0.0.1 is already in use by another program; free it or choose another with --registry-port", result.Stderr.Trim());
        Assert.False(Directory.Exists(Path.Combine(_home.Path, "pids")) && Directory.EnumerateFiles(Path.Combine(_home.Path, "pids")).Any());
    }

    [Fact]
    public async Task Up_Twice_GeneratesTokensOnceInAnOwnerOnlyConfig()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var schedulerPort = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var first = await _cli.RunAsync("up", "--registry-port", port, "--scheduler-port", schedulerPort);
        var tokens = PlatformConfig.Load(_home.Path)!;
        var second = await _cli.RunAsync("up", "--registry-port", port, "--scheduler-port", schedulerPort);
        var again = PlatformConfig.Load(_home.Path)!;

        Assert.Contains("tokens: generated", first.Stdout, StringComparison.Ordinal);
        Assert.Contains("tokens: reusing", second.Stdout, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", tokens.AdminToken);
        Assert.Equal((tokens.AdminToken, tokens.NodeToken, tokens.RegistryToken), (again.AdminToken, again.NodeToken, again.RegistryToken));
        Assert.Equal($"http://127.0.0.1:{schedulerPort}", again.Api);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_home.Path, "config.json")));
    }

    [Theory]
    [InlineData(new[] { "--agent-ip-base", "192.0.2.1" }, "error: --agent-ip-base: \"192.0.2.1\" must be a 127.x.y.z address with room for 2 agents after it")]
    [InlineData(new[] { "--scheduler-port", "5000" }, "error: the registry, scheduler, router, router admin, log aggregator and dashboard ports must differ (got 5000, 5000, 8080, 8081, 7080, 7081, 7071)")]
    [InlineData(new[] { "--container-label", "no-equals" }, "error: --container-label: \"no-equals\" is not KEY=VALUE (key: letters, digits, '.', '-', '_')")]
    public async Task Up_BadLayoutFlag_NamesItBeforeDoingAnything(string[] flags, string expected)
    {
        var result = await _cli.RunAsync(["up", .. flags]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(expected, result.Stderr.Trim());
        Assert.False(File.Exists(Path.Combine(_home.Path, "config.json")));
    }

    [Fact]
    public async Task Up_BadPortInEnvironment_NamesTheVariable()
    {
        _cli.Environment["MINIPAAS_SCHEDULER_PORT"] = "seventy";

        var result = await _cli.RunAsync("up");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: MINIPAAS_SCHEDULER_PORT: \"seventy\" is not a whole number", result.Stderr.Trim());
    }

    [Fact]
    public async Task Up_ComponentRunningWithOtherSettings_AsksForDownFirst()
    {
        var supervisor = new ProcessSupervisor(_home.Path, TimeProvider.System);
        string[] oldArgv = ["/bin/sleep", "311"];
        await supervisor.StartAsync(new ProcessLaunch { Name = "registry", Argv = oldArgv }, CancellationToken.None);
        var state = new PlatformState();
        state.Record(new ComponentRecord { Name = "registry", Argv = oldArgv, Address = "old" });
        state.Save(_home.Path);
        try
        {
            var result = await _cli.RunAsync("up", "--registry-port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("error: registry is already running (pid ", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("run `minipaas down` first", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            await supervisor.StopAsync("registry", oldArgv, TimeSpan.FromSeconds(5), CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _repository.Dispose();
        _home.Dispose();
    }
}
