using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Commands;

public sealed class PlatformCommandsTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly CliRun _cli = new();
    private readonly ProcessSupervisor _supervisor;
    private readonly PlatformState _state = new();

    public PlatformCommandsTests()
    {
        _cli.Environment["MINIPAAS_HOME"] = _home.Path;
        _supervisor = new ProcessSupervisor(_home.Path, TimeProvider.System);
    }

    [Fact]
    public async Task Status_NothingStarted_SaysSoAndFails()
    {
        var result = await _cli.RunAsync("status");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"the platform is not running: nothing was started from {_home.Path} (start it with `minipaas up`)", result.Stdout.Trim());
    }

    [Fact]
    public async Task Status_RunningAndStoppedComponents_ShowsEach()
    {
        var registry = await StartRecordedAsync("registry", "303");
        _state.Record(new ComponentRecord { Name = "scheduler", Argv = ["/bin/sleep", "304"], Address = "http://127.0.0.1:7070 (gRPC)" });
        _state.Save(_home.Path);

        var result = await _cli.RunAsync("status");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("COMPONENT STATE PID ADDRESS LOG", result.StdoutRows[0]);
        Assert.StartsWith($"registry running {registry} addr-registry ", result.StdoutRows[1], StringComparison.Ordinal);
        Assert.StartsWith("scheduler stopped - http://127.0.0.1:7070 (gRPC)", result.StdoutRows[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_ListsComponents()
    {
        var pid = await StartRecordedAsync("registry", "305");

        var result = await _cli.RunAsync("status", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Stdout);
        var component = document.RootElement.GetProperty("components")[0];
        Assert.Equal(("registry", pid, true), (component.GetProperty("name").GetString(), component.GetProperty("pid").GetInt32(), component.GetProperty("running").GetBoolean()));
        Assert.True(document.RootElement.GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task Down_StartedComponents_StopsThemNewestFirstAndForgetsThem()
    {
        var registry = await StartRecordedAsync("registry", "306");
        var scheduler = await StartRecordedAsync("scheduler", "307");
        var agent = await StartRecordedAsync("node-1", "308");

        var result = await _cli.RunAsync("down");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["node-1 stopped", "scheduler stopped", "registry stopped"], result.StdoutRows);
        Assert.All(new[] { registry, scheduler, agent }, pid => Assert.False(ProcFs.IsAlive(pid)));
        Assert.Empty(Directory.GetFiles(_supervisor.PidDirectory));
        Assert.Empty(PlatformState.Load(_home.Path).Components);
    }

    [Fact]
    public async Task Down_PidReusedByAnotherProgram_LeavesThatProgramRunning()
    {
        using var stranger = Process.Start("/bin/sleep", ["309"]);
        try
        {
            Directory.CreateDirectory(_supervisor.PidDirectory);
            await File.WriteAllTextAsync(_supervisor.PidFile("registry"), stranger.Id.ToString(CultureInfo.InvariantCulture));
            _state.Record(new ComponentRecord { Name = "registry", Argv = ["/usr/bin/dotnet", "/repo/MiniPaas.Registry.dll"], Address = "x" });
            _state.Save(_home.Path);
            Assert.True(await Poll.UntilAsync(() => ProcFs.Runs(stranger.Id, ["/bin/sleep", "309"]), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), TimeProvider.System, CancellationToken.None));

            var result = await _cli.RunAsync("down");

            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("registry was not running (its pid now belongs to another program", result.StdoutRows[0], StringComparison.Ordinal);
            Assert.True(ProcFs.IsAlive(stranger.Id));
        }
        finally
        {
            stranger.Kill();
        }
    }

    [Fact]
    public async Task Down_DockerdRecorded_IsLeftRunningWithoutTheDockerFlag()
    {
        // A stand-in recorded under dockerd's name: down must not stop it unless --docker is given.
        var pid = await StartRecordedAsync(DockerEngine.ProcessName, "310");

        var withoutFlag = await _cli.RunAsync("down");
        Assert.Contains($"dockerd    left running (pid {pid}); `minipaas down --docker` stops it too", withoutFlag.Stdout, StringComparison.Ordinal);
        Assert.True(ProcFs.IsAlive(pid));

        var withFlag = await _cli.RunAsync("down", "--docker");
        Assert.Equal(["dockerd stopped"], withFlag.StdoutRows);
        Assert.False(ProcFs.IsAlive(pid));
    }

    [Fact]
    public async Task Down_NothingStarted_SaysSo()
    {
        var result = await _cli.RunAsync("down");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"nothing was running from {_home.Path}", result.Stdout.Trim());
    }

    private async Task<int> StartRecordedAsync(string name, string seconds)
    {
        string[] argv = ["/bin/sleep", seconds];
        var pid = await _supervisor.StartAsync(new ProcessLaunch { Name = name, Argv = argv }, CancellationToken.None);
        _state.Record(new ComponentRecord { Name = name, Argv = argv, Address = "addr-" + name });
        _state.Save(_home.Path);
        return pid;
    }

    public void Dispose()
    {
        foreach (var component in PlatformState.Load(_home.Path).Components)
        {
            _supervisor.StopAsync(component.Name, component.Argv, TimeSpan.FromSeconds(1), CancellationToken.None).GetAwaiter().GetResult();
        }

        _home.Dispose();
    }
}
