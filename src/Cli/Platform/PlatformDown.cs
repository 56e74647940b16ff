using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// PlatformDown stops what <c>up</c> started from this home, newest first, by the recorded pid and
/// only while that pid still runs the recorded command line. Agents get a SIGTERM like the rest;
/// what happens to their app containers is the agent's own shutdown decision (today: it leaves them
/// running so a restarted agent adopts them). dockerd is stopped only when asked (<c>--docker</c>),
/// since other things on the machine may use it.
/// </summary>
internal sealed class PlatformDown(Invocation invocation, string home)
{
    /// <summary>Grace between SIGTERM and SIGKILL for agents and dockerd, which may have containers to deal with. Default 30 s.</summary>
    public TimeSpan SlowGrace { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Grace between SIGTERM and SIGKILL for the other components. Default 15 s.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Stops the components; returns how many were actually running.</summary>
    public async Task<int> RunAsync(bool includeDocker)
    {
        var supervisor = new ProcessSupervisor(home, invocation.Context.Time);
        var state = PlatformState.Load(home);
        var stopped = 0;
        foreach (var record in Enumerable.Reverse(state.Components).ToArray())
        {
            var isDocker = record.Name == DockerEngine.ProcessName;
            if (isDocker && !includeDocker)
            {
                if (supervisor.FindRunning(record.Name, record.Argv) is { } dockerPid)
                {
                    invocation.Say($"{record.Name.PadRight(10)} left running (pid {dockerPid}); `minipaas down --docker` stops it too");
                }

                continue;
            }

            var slow = isDocker || record.Name.StartsWith("node-", StringComparison.Ordinal);
            var outcome = await supervisor.StopAsync(record.Name, record.Argv, slow ? SlowGrace : Grace, invocation.CancellationToken);
            invocation.Say($"{record.Name.PadRight(10)} {Describe(outcome)}");
            if (outcome is StopOutcome.Stopped or StopOutcome.Killed)
            {
                stopped++;
            }

            state.Forget(record.Name);
            state.Save(home);
        }

        if (state.Components.Count == 0 && stopped == 0)
        {
            invocation.Say($"nothing was running from {home}");
        }

        return stopped;
    }

    private static string Describe(StopOutcome outcome) => outcome switch
    {
        StopOutcome.Stopped => "stopped",
        StopOutcome.Killed => "killed (it ignored SIGTERM)",
        StopOutcome.NotRunning => "was not running",
        StopOutcome.NotOurs => "was not running (its pid now belongs to another program, which was left alone)",
        _ => outcome.ToString(),
    };
}
