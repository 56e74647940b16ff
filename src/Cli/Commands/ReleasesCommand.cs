using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas releases APP</c>: the app's immutable releases, newest first, the current one marked.</summary>
internal static class ReleasesCommand
{
    public static Command Create(CommandRunner runner)
    {
        var app = AppArgument.Create();
        var command = new Command("releases", "List an app's releases") { app };
        runner.Bind(command, async invocation =>
        {
            var reply = await invocation.Controller.ListReleasesAsync(invocation.Get(app)!, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else if (reply.Releases.Count == 0)
            {
                invocation.Say($"{invocation.Get(app)} has no releases yet: push it first");
            }
            else
            {
                invocation.Write(ReplyTables.Releases(reply, invocation.Context.Time.GetUtcNow()));
            }

            return 0;
        });
        return command;
    }
}
