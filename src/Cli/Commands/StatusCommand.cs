using System.CommandLine;
using System.Text.Json.Nodes;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;
using MiniPaas.Cli.Platform;

namespace MiniPaas.Cli.Commands;

/// <summary>
/// <c>minipaas status [--home DIR]</c>: which components <c>up</c> started are running, and where.
/// Exits 0 when all are running, 1 when any is not (or nothing was started), for scripts.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("status", "Show which platform components are running and where they listen");
        runner.Bind(command, invocation =>
        {
            var home = invocation.Home;
            var components = PlatformStatus.Read(home, invocation.Context.Time);
            var allRunning = components.Count > 0 && components.All(c => c.Pid is not null);
            if (invocation.Json)
            {
                invocation.Context.RawOut.WriteLine(JsonReply.Format(new JsonObject
                {
                    ["home"] = home,
                    ["running"] = allRunning,
                    ["components"] = PlatformTables.ComponentsJson(components),
                }));
            }
            else if (components.Count == 0)
            {
                invocation.Say($"the platform is not running: nothing was started from {home} (start it with `minipaas up`)");
            }
            else
            {
                invocation.Write(PlatformTables.Components(components));
            }

            return Task.FromResult(allRunning ? 0 : CommandRunner.Failure);
        });
        return command;
    }
}
