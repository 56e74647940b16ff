using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas events [APP] [--limit N]</c>: what the platform did or saw (pushes, crashes, reschedules).</summary>
internal static class EventsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var app = new Argument<string?>("APP") { Description = "The app's name (default: every app)", Arity = ArgumentArity.ZeroOrOne };
        var limit = new Option<int>("--limit", "-n") { Description = "How many of the latest events", DefaultValueFactory = _ => 50 };
        var command = new Command("events", "Show recent platform events of an app") { app, limit };
        runner.Bind(command, async invocation =>
        {
            var count = invocation.Get(limit);
            if (count < 1)
            {
                throw new CliException($"--limit: must be at least 1, not {count}");
            }

            var reply = await invocation.Controller.ListEventsAsync(invocation.Get(app) ?? "", count, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else if (reply.Events.Count == 0)
            {
                invocation.Say("no events");
            }
            else
            {
                invocation.Write(ReplyTables.Events(reply, invocation.Context.Time.LocalTimeZone));
            }

            return 0;
        });
        return command;
    }
}
