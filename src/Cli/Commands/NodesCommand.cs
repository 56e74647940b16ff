using System.CommandLine;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;

namespace MiniPaas.Cli.Commands;

/// <summary><c>minipaas nodes</c>: the node agents, their capacity and use, and when each last heartbeated.</summary>
internal static class NodesCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("nodes", "List the nodes");
        runner.Bind(command, async invocation =>
        {
            var reply = await invocation.Controller.ListNodesAsync(invocation.CancellationToken);
            if (invocation.Json)
            {
                invocation.WriteJson(reply);
            }
            else if (reply.Nodes.Count == 0)
            {
                invocation.Say("no nodes have registered: is an agent running? (`minipaas status`)");
            }
            else
            {
                invocation.Write(ReplyTables.Nodes(reply, invocation.Context.Time.GetUtcNow()));
            }

            return 0;
        });
        return command;
    }
}
