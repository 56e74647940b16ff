using System.CommandLine;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas delete APP [-f]</c>: remove an app, its instances and releases (asks first unless -f).</summary>
internal static class DeleteCommand
{
    public static Command Create(CommandRunner runner)
    {
        var app = AppArgument.Create();
        var force = new Option<bool>("--force", "-f") { Description = "Do not ask for confirmation" };
        var command = new Command("delete", "Delete an app with its instances and releases") { app, force };
        runner.Bind(command, async invocation =>
        {
            var name = invocation.Get(app)!;
            if (!invocation.Get(force))
            {
                if (invocation.Context.ReadAnswer is null)
                {
                    throw new CliException($"delete {name}: stdin is not a terminal, so confirm with -f");
                }

                invocation.Context.Error.Write($"really delete app {name}, its instances and releases? [y/N] ");
                var answer = invocation.Context.ReadAnswer()?.Trim().ToLowerInvariant();
                if (answer is not ("y" or "yes"))
                {
                    invocation.Say("delete cancelled");
                    return 1;
                }
            }

            var reply = await invocation.Controller.DeleteAppAsync(name, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else
            {
                invocation.Say($"deleted {name}");
            }

            return 0;
        });
        return command;
    }
}
