using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas app APP</c>: one app's settings, release and instances.</summary>
internal static class AppCommand
{
    public static Command Create(CommandRunner runner)
    {
        var app = AppArgument.Create();
        var command = new Command("app", "Show an app and its instances") { app };
        runner.Bind(command, async invocation =>
        {
            var detail = await invocation.Controller.GetAppAsync(invocation.Get(app)!, invocation.CancellationToken);
            Show(invocation, detail);
            return 0;
        });
        return command;
    }

    /// <summary>Prints an app detail as JSON or as the summary and instances table.</summary>
    public static void Show(Invocation invocation, AppDetail detail)
    {
        if (invocation.Json)
        {
            invocation.WriteJson(detail);
        }
        else
        {
            invocation.Write(ReplyTables.App(detail, invocation.Context.Time.GetUtcNow()));
        }
    }
}
