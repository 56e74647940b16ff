using System.CommandLine;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Logs;

/// <summary>The <c>--logs-api</c> and <c>--logs-token</c> options every log command takes, and the connection they resolve to.</summary>
internal sealed class LogsCommandOptions
{
    public Option<string?> Api { get; } = new("--logs-api")
    {
        Description = $"Log aggregator address (env {LogsConnection.ApiVariable}; default: config.json, else 127.0.0.1:7080)",
    };

    public Option<string?> Token { get; } = new("--logs-token")
    {
        Description = $"Log aggregator token (env {LogsConnection.TokenVariable}; default: config.json)",
    };

    public void AddTo(Command command)
    {
        command.Add(Api);
        command.Add(Token);
    }

    public LogsClient Client(Invocation invocation) => new(
        LogsConnection.Resolve(invocation.Get(Api), invocation.Get(Token), invocation.Context.Environment, invocation.Home),
        invocation.Context.Time);
}
