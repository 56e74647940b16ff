using System.CommandLine;
using MiniPaas.Cli.Api;
using MiniPaas.Cli.Connection;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Hosting;

/// <summary>
/// CommandRunner binds a command's action and owns the error contract: a <see cref="CliException"/>
/// prints <c>error: message</c>, an <see cref="RpcException"/> prints the controller's detail plus
/// a hint for connection and token problems, Ctrl-C prints nothing more; all exit 1 (130 for
/// Ctrl-C). Stack traces are for bugs only.
/// </summary>
internal sealed class CommandRunner(CliContext context, GlobalOptions globals)
{
    /// <summary>Exit code of a failed command.</summary>
    public const int Failure = 1;

    /// <summary>Exit code after Ctrl-C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;

    /// <summary>Makes <paramref name="action"/> the action of <paramref name="command"/>.</summary>
    public void Bind(Command command, Func<Invocation, Task<int>> action) =>
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, action, cancellationToken));

    private async Task<int> RunAsync(ParseResult parseResult, Func<Invocation, Task<int>> action, CancellationToken cancellationToken)
    {
        using var invocation = new Invocation(context, globals, parseResult, cancellationToken);
        try
        {
            return await action(invocation);
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync("error: " + e.Message);
            return Failure;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            return Interrupted;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Interrupted;
        }
        catch (RpcException e)
        {
            var connection = invocation.ResolvedConnection ?? new ConnectionSettings(ConnectionResolver.DefaultApi, null, "default", "none");
            foreach (var line in RpcErrors.Describe(e, connection))
            {
                await context.Error.WriteLineAsync(line);
            }

            return Failure;
        }
    }
}
