using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Logs;

/// <summary>
/// Where the log commands send their calls: the aggregator's gRPC address and token, each on its own
/// from the <c>--logs-api</c>/<c>--logs-token</c> flags, then <c>MINIPAAS_LOGS_API</c>/<c>MINIPAAS_LOGS_TOKEN</c>,
/// then <c>$MINIPAAS_HOME/config.json</c> (<c>logsApi</c>, <c>logsToken</c>, written by <c>up</c>), then
/// <see cref="DefaultApi"/> (no default token). Sources are kept so errors can name them.
/// </summary>
internal sealed record LogsConnection(Uri Api, string? Token, string ApiSource, string TokenSource)
{
    /// <summary>Environment variable holding the aggregator address.</summary>
    public const string ApiVariable = "MINIPAAS_LOGS_API";

    /// <summary>Environment variable holding the aggregator token.</summary>
    public const string TokenVariable = "MINIPAAS_LOGS_TOKEN";

    /// <summary>The aggregator address <c>up</c> uses by default.</summary>
    public static readonly Uri DefaultApi = new("http://127.0.0.1:7080");

    public static LogsConnection Resolve(string? apiFlag, string? tokenFlag, Func<string, string?> environment, string home)
    {
        var config = new Lazy<PlatformConfig?>(() => PlatformConfig.Load(home));
        var configPath = Path.Combine(home, PlatformConfig.FileName);
        (string? Value, string Source) api =
            NonEmpty(apiFlag) is { } a ? (a, "--logs-api")
            : NonEmpty(environment(ApiVariable)) is { } e ? (e, ApiVariable)
            : NonEmpty(config.Value?.LogsApi) is { } c ? (c, configPath)
            : (null, "default");
        (string? Value, string Source) token =
            NonEmpty(tokenFlag) is { } t ? (t, "--logs-token")
            : NonEmpty(environment(TokenVariable)) is { } e2 ? (e2, TokenVariable)
            : NonEmpty(config.Value?.LogsToken) is { } c2 ? (c2, configPath)
            : (null, "none");
        var address = api.Value is null ? DefaultApi : ParseAddress(api.Value, api.Source);
        return new LogsConnection(address, token.Value, api.Source, token.Source);
    }

    private static Uri ParseAddress(string text, string source)
    {
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/" || uri.Host.Length == 0)
        {
            throw new CliException($"{source}: \"{text}\" is not a log aggregator address (use 127.0.0.1:7080 or http://127.0.0.1:7080)");
        }

        return uri;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
