using System.CommandLine;
using MiniPaas.Cli.Api;
using MiniPaas.Cli.Hosting;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Commands;

/// <summary>
/// <c>minipaas drain-node NODE</c>: evacuate a node (replacements start elsewhere before its
/// instances stop), showing progress; <c>minipaas uncordon-node NODE</c>: make it ready again.
/// </summary>
internal static class NodeAdminCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        yield return DrainNode(runner);
        yield return UncordonNode(runner);
    }

    private static Command DrainNode(CommandRunner runner)
    {
        var node = new Argument<string>("NODE") { Description = "The node's id (see minipaas nodes)" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the node to empty (default 0: the scheduler's 120 s)" };
        var command = new Command("drain-node", "Move every instance off a node: replacements start elsewhere before the old ones stop") { node, timeout };
        runner.Bind(command, async invocation =>
        {
            using var client = new NodeAdminClient(invocation.Connection, invocation.Context.Time);
            DrainProgress? last = null;
            await foreach (var progress in client.DrainNodeAsync(
                new DrainNodeRequest { NodeId = invocation.Get(node)!, TimeoutSeconds = invocation.Get(timeout) },
                invocation.CancellationToken))
            {
                // Progress lines go to stderr in --json mode (Say), so stdout stays one document.
                invocation.Say(progress.Message);
                last = progress;
            }

            if (invocation.Json && last is not null)
            {
                invocation.WriteJson(last);
            }

            return 0;
        });
        return command;
    }

    private static Command UncordonNode(CommandRunner runner)
    {
        var node = new Argument<string>("NODE") { Description = "The node's id (see minipaas nodes)" };
        var command = new Command("uncordon-node", "Make a drained node take new instances again") { node };
        runner.Bind(command, async invocation =>
        {
            using var client = new NodeAdminClient(invocation.Connection, invocation.Context.Time);
            var summary = await client.UncordonNodeAsync(invocation.Get(node)!, invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(summary);
            }
            else
            {
                invocation.Say($"node {summary.NodeId} is {summary.State}");
            }

            return 0;
        });
        return command;
    }
}
