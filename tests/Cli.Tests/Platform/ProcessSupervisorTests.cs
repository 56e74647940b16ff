using System.Diagnostics;
using System.Globalization;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Platform;

public sealed class ProcessSupervisorTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly ProcessSupervisor _supervisor;
    private readonly List<(string Name, IReadOnlyList<string> Argv)> _started = [];

    public ProcessSupervisorTests()
    {
        _supervisor = new ProcessSupervisor(_home.Path, TimeProvider.System);
    }

    [Fact]
    public async Task StartAsync_ListeningProgram_RecordsPidLogsAndAnswers()
    {
        var port = FreePort.Next();
        var argv = new[] { "/bin/busybox", "httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", _home.Path };

        var pid = await StartAsync("web", argv);

        Assert.Equal(pid.ToString(CultureInfo.InvariantCulture), File.ReadAllText(_supervisor.PidFile("web")).Trim());
        Assert.Equal(pid, _supervisor.FindRunning("web", argv));
        Assert.True(await Poll.UntilAsync(
            ct => ReadinessProbes.TcpAnswersAsync("127.0.0.1", port, ct), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None));
        Assert.Contains("minipaas starts: /bin/busybox httpd", File.ReadAllText(_supervisor.LogFile("web")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_Program_RunsInItsOwnSessionSoCtrlCInTheTerminalMissesIt()
    {
        var pid = await StartAsync("sleeper", ["/bin/sleep", "300"]);

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        Assert.Equal(pid.ToString(CultureInfo.InvariantCulture), fields[3]); // session id == pid: it leads its own session
    }

    [Fact]
    public async Task StartAsync_EnvironmentSecret_ReachesTheProgramButNotItsCommandLine()
    {
        var argv = new[] { "/usr/bin/python3", "-c", "import os, time; print('token=' + os.environ['TEST_SECRET'], flush=True); time.sleep(300)" };

        var pid = await StartAsync("secretive", argv, new Dictionary<string, string> { ["TEST_SECRET"] = "s3cr3t" });

        Assert.True(await Poll.UntilAsync(
            () => File.ReadAllText(_supervisor.LogFile("secretive")).Contains("token=s3cr3t", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), TimeProvider.System, CancellationToken.None));
        Assert.DoesNotContain("s3cr3t", string.Join(' ', ProcFs.CommandLine(pid)!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_ProgramExitsAtOnce_ThrowsWithTheEndOfItsLog()
    {
        var error = await Assert.ThrowsAsync<CliException>(() =>
            _supervisor.StartAsync(new ProcessLaunch { Name = "broken", Argv = ["/bin/sh", "-c", "echo boom-detail >&2; exit 3"] }, CancellationToken.None));

        Assert.StartsWith("broken exited right after it was started", error.Message, StringComparison.Ordinal);
        Assert.Contains("boom-detail", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_supervisor.PidFile("broken")));
    }

    [Fact]
    public async Task StopAsync_RunningProgram_StopsItWithSigtermAndRemovesThePidFile()
    {
        string[] argv = ["/bin/sleep", "301"];
        var pid = await StartAsync("sleeper", argv);

        var outcome = await _supervisor.StopAsync("sleeper", argv, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.Equal(StopOutcome.Stopped, outcome);
        Assert.False(ProcFs.IsAlive(pid));
        Assert.False(File.Exists(_supervisor.PidFile("sleeper")));
    }

    [Fact]
    public async Task StopAsync_ProgramIgnoringSigterm_IsKilledAfterTheGracePeriod()
    {
        string[] argv = ["/usr/bin/python3", "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print('sigterm-' + 'ignored', flush=True); time.sleep(300)"];
        var pid = await StartAsync("stubborn", argv);
        Assert.True(await Poll.UntilAsync(
            // The marker is split in the program text, so the log's header line (the argv) cannot match it.
            () => File.ReadAllText(_supervisor.LogFile("stubborn")).Contains("sigterm-ignored", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), TimeProvider.System, CancellationToken.None));

        var outcome = await _supervisor.StopAsync("stubborn", argv, TimeSpan.FromMilliseconds(500), CancellationToken.None);

        Assert.Equal(StopOutcome.Killed, outcome);
        Assert.False(ProcFs.IsAlive(pid));
    }

    [Fact]
    public async Task StopAsync_PidNowRunsAnotherProgram_LeavesItAlone()
    {
        using var stranger = Process.Start("/bin/sleep", ["302"]);
        try
        {
            Directory.CreateDirectory(_supervisor.PidDirectory);
            File.WriteAllText(_supervisor.PidFile("registry"), stranger.Id.ToString(CultureInfo.InvariantCulture));
            Assert.True(await Poll.UntilAsync(() => ProcFs.Runs(stranger.Id, ["/bin/sleep", "302"]), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(20), TimeProvider.System, CancellationToken.None));

            var outcome = await _supervisor.StopAsync("registry", ["/usr/bin/dotnet", "/repo/MiniPaas.Registry.dll"], TimeSpan.FromSeconds(1), CancellationToken.None);

            Assert.Equal(StopOutcome.NotOurs, outcome);
            Assert.True(ProcFs.IsAlive(stranger.Id));
            Assert.False(File.Exists(_supervisor.PidFile("registry")));
        }
        finally
        {
            stranger.Kill();
        }
    }

    [Fact]
    public async Task StopAsync_NoPidFile_ReportsNotRunning()
    {
        var outcome = await _supervisor.StopAsync("ghost", ["/bin/true"], TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(StopOutcome.NotRunning, outcome);
    }

    [Fact]
    public void FindRunning_StalePidFile_ReturnsNull()
    {
        Directory.CreateDirectory(_supervisor.PidDirectory);
        File.WriteAllText(_supervisor.PidFile("old"), "999999999");

        Assert.Null(_supervisor.FindRunning("old", ["/bin/sleep", "1"]));
    }

    private async Task<int> StartAsync(string name, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment = null)
    {
        _started.Add((name, argv));
        return await _supervisor.StartAsync(
            new ProcessLaunch { Name = name, Argv = argv, Environment = environment ?? new Dictionary<string, string>() },
            CancellationToken.None);
    }

    public void Dispose()
    {
        foreach (var (name, argv) in _started)
        {
            _supervisor.StopAsync(name, argv, TimeSpan.FromSeconds(1), CancellationToken.None).GetAwaiter().GetResult();
        }

        _home.Dispose();
    }
}
