using System.CommandLine;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas stop|start|restart APP</c>.</summary>
internal static class AppStateCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        yield return StateChange(runner, "stop", "Stop every instance of an app (it stays defined)", "stopped",
            (invocation, app) => invocation.Controller.SetAppStateAsync(app, started: false, invocation.CancellationToken));
        yield return StateChange(runner, "start", "Start a stopped app", "started",
            (invocation, app) => invocation.Controller.SetAppStateAsync(app, started: true, invocation.CancellationToken));
        yield return StateChange(runner, "restart", "Restart every instance of an app, one at a time", "restarting",
            (invocation, app) => invocation.Controller.RestartAppAsync(app, invocation.CancellationToken));
    }

    private static Command StateChange(
        CommandRunner runner, string name, string description, string pastTense, Func<Invocation, string, Task<Contracts.V1.AppDetail>> call)
    {
        var app = AppArgument.Create();
        var command = new Command(name, description) { app };
        runner.Bind(command, async invocation =>
        {
            var detail = await call(invocation, invocation.Get(app)!);
            invocation.Say($"{pastTense} {detail.Summary?.Name}");
            AppCommand.Show(invocation, detail);
            return 0;
        });
        return command;
    }
}
