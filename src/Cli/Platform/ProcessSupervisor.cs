using System.Diagnostics;
using System.Globalization;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Native;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// ProcessSupervisor starts the platform's background processes so they outlive the CLI and stops
/// them again by the pid it recorded. Each process gets its own session (a Ctrl-C in the terminal
/// that ran <c>up</c> must not reach them), stdin from /dev/null and stdout/stderr appended to
/// <c>logs/&lt;name&gt;.log</c>; its pid goes to <c>pids/&lt;name&gt;.pid</c>. Before a signal is
/// sent, the pid's command line must still be exactly the argv that was started, so a reused pid
/// never gets somebody else's process killed.
/// </summary>
internal sealed class ProcessSupervisor(string home, TimeProvider time)
{
    /// <summary>How long a started process may take to exec into its argv. Default 10 s.</summary>
    public TimeSpan ExecTimeout { get; init; } = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Directory of the pid files.</summary>
    public string PidDirectory => Path.Combine(home, "pids");

    /// <summary>Directory of the log files.</summary>
    public string LogDirectory => Path.Combine(home, "logs");

    /// <summary>The pid file of <paramref name="name"/>.</summary>
    public string PidFile(string name) => Path.Combine(PidDirectory, name + ".pid");

    /// <summary>The log file of <paramref name="name"/>.</summary>
    public string LogFile(string name) => Path.Combine(LogDirectory, name + ".log");

    /// <summary>The recorded pid of <paramref name="name"/>, or null when there is no readable pid file.</summary>
    public int? ReadPid(string name)
    {
        try
        {
            return int.TryParse(File.ReadAllText(PidFile(name)).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 0
                ? pid
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The pid of <paramref name="name"/> when it is alive and still runs <paramref name="argv"/>.</summary>
    public int? FindRunning(string name, IReadOnlyList<string> argv) =>
        ReadPid(name) is { } pid && ProcFs.Runs(pid, argv) ? pid : null;

    /// <summary>
    /// Starts <paramref name="launch"/> in the background, records its pid and returns it once the
    /// process runs its argv. Throws <see cref="CliException"/> with the log's tail when it exits first.
    /// </summary>
    public async Task<int> StartAsync(ProcessLaunch launch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(PidDirectory);
        Directory.CreateDirectory(LogDirectory);
        var log = LogFile(launch.Name);
        await File.AppendAllTextAsync(
            log,
            $"--- {time.GetUtcNow():O} minipaas starts: {string.Join(' ', launch.Argv)}{Environment.NewLine}",
            cancellationToken);

        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            WorkingDirectory = launch.WorkingDirectory ?? home,
        };
        // exec keeps the pid: sh becomes setsid becomes the program, so the pid we record is the program's.
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(SetsidPath() is { } setsid
            ? $"log=$1; shift; exec {setsid} \"$@\" >>\"$log\" 2>&1 </dev/null"
            : "log=$1; shift; exec \"$@\" >>\"$log\" 2>&1 </dev/null");
        start.ArgumentList.Add("minipaas-launch");
        start.ArgumentList.Add(log);
        foreach (var argument in launch.Argv)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in launch.Environment)
        {
            start.Environment[key] = value;
        }

        int pid;
        try
        {
            using var process = Process.Start(start) ?? throw new CliException($"{launch.Name}: could not be started");
            pid = process.Id;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CliException($"{launch.Name}: could not be started: {e.Message}");
        }

        WritePidFile(launch.Name, pid);
        var running = await Poll.UntilAsync(
            () => ProcFs.Runs(pid, launch.Argv) || !ProcFs.IsAlive(pid), ExecTimeout, PollInterval, time, cancellationToken);
        if (!running || !ProcFs.Runs(pid, launch.Argv))
        {
            File.Delete(PidFile(launch.Name));
            throw new CliException($"{launch.Name} exited right after it was started; the end of {log}:{Environment.NewLine}{Tail(launch.Name, 15)}");
        }

        return pid;
    }

    /// <summary>
    /// Stops <paramref name="name"/> if its recorded pid still runs <paramref name="argv"/>: SIGTERM,
    /// then SIGKILL once <paramref name="grace"/> has passed. The pid file is removed in every case
    /// except a process that could not be made to exit.
    /// </summary>
    public async Task<StopOutcome> StopAsync(string name, IReadOnlyList<string> argv, TimeSpan grace, CancellationToken cancellationToken)
    {
        if (ReadPid(name) is not { } pid || !ProcFs.IsAlive(pid))
        {
            DeletePidFile(name);
            return StopOutcome.NotRunning;
        }

        if (!ProcFs.Runs(pid, argv))
        {
            DeletePidFile(name);
            return StopOutcome.NotOurs;
        }

        LibC.SendSignal(pid, LibC.SigTerm);
        if (await Poll.UntilAsync(() => !ProcFs.IsAlive(pid), grace, PollInterval, time, cancellationToken))
        {
            DeletePidFile(name);
            return StopOutcome.Stopped;
        }

        // Check again right before the kill: the process may have exited and its pid been reused meanwhile.
        if (ProcFs.Runs(pid, argv))
        {
            LibC.SendSignal(pid, LibC.SigKill);
        }

        // A dying process shows an empty command line for a moment, so only a different, non-empty one means the pid was reused.
        if (!await Poll.UntilAsync(
                () => !ProcFs.IsAlive(pid) || (ProcFs.CommandLine(pid) is { } now && !now.SequenceEqual(argv, StringComparer.Ordinal)),
                TimeSpan.FromSeconds(5),
                PollInterval,
                time,
                cancellationToken))
        {
            throw new CliException($"{name} (pid {pid}) did not exit even after SIGKILL");
        }

        DeletePidFile(name);
        return StopOutcome.Killed;
    }

    /// <summary>The last <paramref name="lines"/> lines of <paramref name="name"/>'s log, for error messages.</summary>
    public string Tail(string name, int lines)
    {
        try
        {
            var all = File.ReadAllLines(LogFile(name));
            return string.Join(Environment.NewLine, all.Skip(Math.Max(0, all.Length - lines)).Select(l => "  | " + l));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "  (no log)";
        }
    }

    private void WritePidFile(string name, int pid)
    {
        var path = PidFile(name);
        File.WriteAllText(path + ".tmp", pid.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private void DeletePidFile(string name)
    {
        if (File.Exists(PidFile(name)))
        {
            File.Delete(PidFile(name));
        }
    }

    private static string? SetsidPath() =>
        new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
}
