using System.CommandLine;
using Google.Protobuf;
using MiniPaas.Cli.Api;
using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Output;
using Spectre.Console.Rendering;

namespace MiniPaas.Cli.Hosting;

/// <summary>
/// Invocation is one run of one command: its parsed arguments, the context, and the things derived
/// from the global options on first use (home directory, connection, controller client).
/// </summary>
internal sealed class Invocation(CliContext context, GlobalOptions globals, ParseResult parseResult, CancellationToken cancellationToken) : IDisposable
{
    private ConnectionSettings? _connection;
    private ControllerClient? _controller;

    public CliContext Context => context;

    public ParseResult ParseResult => parseResult;

    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>True with <c>--json</c>.</summary>
    public bool Json => parseResult.GetValue(globals.Json);

    /// <summary>The resolved MINIPAAS_HOME.</summary>
    public string Home => MiniPaasHome.Resolve(parseResult.GetValue(globals.Home), context.Environment);

    /// <summary>The resolved connection (flags, environment, config.json).</summary>
    public ConnectionSettings Connection => _connection ??=
        ConnectionResolver.Resolve(parseResult.GetValue(globals.Api), parseResult.GetValue(globals.Token), context.Environment, Home);

    /// <summary>
    /// Points this run at a given controller instead of the resolved one: <c>up --demo</c> must push
    /// to the platform it just started even when MINIPAAS_API names another.
    /// </summary>
    public void UseConnection(ConnectionSettings connection)
    {
        _controller?.Dispose();
        _controller = null;
        _connection = connection;
    }

    /// <summary>The connection, if one was resolved during this run (for error messages).</summary>
    public ConnectionSettings? ResolvedConnection => _connection;

    /// <summary>A client for the controller, created on first use.</summary>
    public ControllerClient Controller => _controller ??= new ControllerClient(Connection, context.Time);

    public T? Get<T>(Option<T> option) => parseResult.GetValue(option);

    public T? Get<T>(Argument<T> argument) => parseResult.GetValue(argument);

    /// <summary>Prints <paramref name="message"/> as JSON.</summary>
    public void WriteJson(IMessage message) => context.RawOut.WriteLine(JsonReply.Format(message));

    /// <summary>Prints <paramref name="renderable"/> (a table) to stdout.</summary>
    public void Write(IRenderable renderable) => context.Out.Write(renderable);

    /// <summary>Prints a plain line to stdout, or to stderr in <c>--json</c> mode so stdout stays pure JSON.</summary>
    public void Say(string line)
    {
        if (Json)
        {
            context.Error.WriteLine(line);
        }
        else
        {
            context.RawOut.WriteLine(line);
        }
    }

    public void Dispose() => _controller?.Dispose();
}
