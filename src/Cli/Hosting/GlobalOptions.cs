using System.CommandLine;

namespace MiniPaas.Cli.Hosting;

/// <summary>The options every command accepts (declared recursive on the root command).</summary>
internal sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the reply as JSON (proto3 JSON mapping) instead of tables",
        Recursive = true,
    };

    public Option<string?> Api { get; } = new("--api")
    {
        Description = "Controller address, e.g. 127.0.0.1:7070 (default: $MINIPAAS_API, then config.json, then 127.0.0.1:7070)",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Admin token (default: $MINIPAAS_TOKEN, then config.json)",
        Recursive = true,
    };

    public Option<string?> Home { get; } = new("--home")
    {
        Description = "Platform state directory (default: $MINIPAAS_HOME, then ~/.minipaas)",
        Recursive = true,
    };

    /// <summary>Adds the options to <paramref name="root"/>.</summary>
    public void AddTo(Command root)
    {
        root.Add(Json);
        root.Add(Api);
        root.Add(Token);
        root.Add(Home);
    }
}
