using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Logs;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Commands;

/// <summary>
/// <c>minipaas drain APP syslog://HOST:PORT</c>, <c>minipaas drains [APP]</c>, <c>minipaas delete-drain APP ID|URL</c>:
/// forward an app's lines to a syslog receiver (RFC 5424 over TCP), list drains with their counters, remove one.
/// </summary>
internal static class DrainCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        yield return Add(runner);
        yield return List(runner);
        yield return Delete(runner);
    }

    private static Command Add(CommandRunner runner)
    {
        var app = new Argument<string>("APP") { Description = "The app's name" };
        var url = new Argument<string>("URL") { Description = "syslog://HOST:PORT (RFC 5424 over TCP)" };
        var connection = new LogsCommandOptions();
        var command = new Command("drain", "Forward every new line of an app to a syslog receiver") { app, url };
        connection.AddTo(command);
        runner.Bind(command, invocation => CallAsync(connection, invocation, async client =>
        {
            var drain = await client.AddDrainAsync(invocation.Get(app)!, invocation.Get(url)!, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(drain);
            }
            else
            {
                invocation.Say($"drain {drain.Id}: {drain.App} → {drain.Url}");
            }
        }));
        return command;
    }

    private static Command List(CommandRunner runner)
    {
        var app = new Argument<string?>("APP") { Description = "The app's name (default: every app)", Arity = ArgumentArity.ZeroOrOne };
        var connection = new LogsCommandOptions();
        var command = new Command("drains", "List syslog drains with what they sent, dropped and hold") { app };
        connection.AddTo(command);
        runner.Bind(command, invocation => CallAsync(connection, invocation, async client =>
        {
            var reply = await client.ListDrainsAsync(invocation.Get(app) ?? "", invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else if (reply.Drains.Count == 0)
            {
                invocation.Say("no drains: add one with `minipaas drain APP syslog://HOST:PORT`");
            }
            else
            {
                invocation.Write(LogsOutput.Drains(reply));
            }
        }));
        return command;
    }

    private static Command Delete(CommandRunner runner)
    {
        var app = new Argument<string>("APP") { Description = "The app's name" };
        var drain = new Argument<string>("DRAIN") { Description = "The drain's id (see `minipaas drains`) or its URL" };
        var connection = new LogsCommandOptions();
        var command = new Command("delete-drain", "Stop forwarding an app's lines to a syslog drain") { app, drain };
        connection.AddTo(command);
        runner.Bind(command, invocation => CallAsync(connection, invocation, async client =>
        {
            var reply = await client.RemoveDrainAsync(invocation.Get(app)!, invocation.Get(drain)!, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else
            {
                invocation.Say($"drain {reply.Removed?.Id} removed: {reply.Removed?.App} → {reply.Removed?.Url}");
            }
        }));
        return command;
    }

    private static async Task<int> CallAsync(LogsCommandOptions connection, Invocation invocation, Func<LogsClient, Task> call)
    {
        using var client = connection.Client(invocation);
        try
        {
            await call(client);
            return 0;
        }
        catch (RpcException e) when (!(e.StatusCode == StatusCode.Cancelled && invocation.CancellationToken.IsCancellationRequested))
        {
            throw LogsErrors.Describe(e, client.Connection);
        }
    }
}
