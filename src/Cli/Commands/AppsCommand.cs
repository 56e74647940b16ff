using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas apps</c>: every app with its state, instances, memory, release and URLs.</summary>
internal static class AppsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("apps", "List the apps");
        runner.Bind(command, async invocation =>
        {
            var reply = await invocation.Controller.ListAppsAsync(invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else if (reply.Apps.Count == 0)
            {
                invocation.Say("no apps yet: push one with `minipaas push NAME -p DIR`");
            }
            else
            {
                invocation.Write(ReplyTables.Apps(reply));
            }

            return 0;
        });
        return command;
    }
}
