using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Logs;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Commands;

/// <summary>
/// <c>minipaas logs APP [--recent] [-n N] [--source APP|RTR|API|CELL|STG|LGR] [--since 5m|TIME] [--grep TEXT] [--json]</c>:
/// follows an app's log (the last N lines, then new ones until Ctrl-C; waits for an app without lines yet),
/// or with <c>--recent</c> prints the last N lines and exits. <c>minipaas logs system</c> reads the platform's own logs.
/// </summary>
internal static class LogsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var app = new Argument<string>("APP") { Description = "The app's name (system: the platform components' own logs)" };
        var recent = new Option<bool>("--recent") { Description = "Print the latest lines and exit instead of following" };
        var lines = new Option<int>("--lines", "-n") { Description = "How many of the latest lines (following: before the new ones)", DefaultValueFactory = _ => 100 };
        var source = new Option<string[]>("--source", "-s")
        {
            Description = "Only these sources: APP, RTR, API, CELL, STG, LGR (repeatable or comma-separated; APP/0 = one instance)",
            AllowMultipleArgumentsPerToken = false,
        };
        var since = new Option<string?>("--since") { Description = "Only lines since an age (30s, 5m, 2h, 1d) or a time (2026-11-22T01:02:03Z; no offset = local)" };
        var grep = new Option<string?>("--grep") { Description = "Only lines containing this text (case-insensitive)" };
        var connection = new LogsCommandOptions();
        var command = new Command("logs", "Follow an app's logs (container output, router, platform events, staging), or print recent ones") { app, recent, lines, source, since, grep };
        connection.AddTo(command);
        runner.Bind(command, async invocation =>
        {
            var context = invocation.Context;
            var query = LogFilters.Build(
                invocation.Get(app)!,
                invocation.Get(lines),
                invocation.Get(source) ?? [],
                invocation.Get(since),
                invocation.Get(grep),
                context.Time.GetUtcNow(),
                context.Time.LocalTimeZone);
            using var client = connection.Client(invocation);
            var zone = context.Time.LocalTimeZone;
            try
            {
                if (invocation.Get(recent))
                {
                    var page = await client.RecentAsync(query, invocation.CancellationToken);
                    foreach (var record in page.Records)
                    {
                        context.RawOut.WriteLine(invocation.Json ? LogsOutput.Json(record) : LogsOutput.Line(record, zone));
                    }

                    return 0;
                }

                query.WaitForApp = true;
                await foreach (var record in client.FollowAsync(query, invocation.CancellationToken))
                {
                    context.RawOut.WriteLine(invocation.Json ? LogsOutput.Json(record) : LogsOutput.Line(record, zone));
                    await context.RawOut.FlushAsync(invocation.CancellationToken);
                }

                // The aggregator ends a follow only when it shuts down.
                throw new CliException($"the log aggregator at {client.Connection.Api.GetLeftPart(UriPartial.Authority)} ended the stream (stopped?)");
            }
            catch (RpcException e) when (!(e.StatusCode == StatusCode.Cancelled && invocation.CancellationToken.IsCancellationRequested))
            {
                throw LogsErrors.Describe(e, client.Connection);
            }
        });
        return command;
    }
}
