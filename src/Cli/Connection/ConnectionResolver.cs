using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Connection;

/// <summary>
/// ConnectionResolver decides the controller address and token, each on its own, in this order:
/// the <c>--api</c>/<c>--token</c> flags, the <c>MINIPAAS_API</c>/<c>MINIPAAS_TOKEN</c> environment
/// variables, then <c>$MINIPAAS_HOME/config.json</c> (written by <c>up</c>). The address defaults to
/// <see cref="DefaultApi"/>; there is no default token.
/// </summary>
internal static class ConnectionResolver
{
    /// <summary>Environment variable holding the controller address.</summary>
    public const string ApiVariable = "MINIPAAS_API";

    /// <summary>Environment variable holding the admin token.</summary>
    public const string TokenVariable = "MINIPAAS_TOKEN";

    /// <summary>The controller address <c>up</c> uses by default.</summary>
    public static readonly Uri DefaultApi = new("http://127.0.0.1:7070");

    /// <summary>Resolves the connection; <paramref name="home"/> is the already-resolved MINIPAAS_HOME.</summary>
    public static ConnectionSettings Resolve(string? apiFlag, string? tokenFlag, Func<string, string?> environment, string home)
    {
        var config = new Lazy<PlatformConfig?>(() => PlatformConfig.Load(home));
        var configPath = Path.Combine(home, PlatformConfig.FileName);

        (string? Value, string Source) api =
            NonEmpty(apiFlag) is { } a ? (a, "--api")
            : NonEmpty(environment(ApiVariable)) is { } e ? (e, ApiVariable)
            : NonEmpty(config.Value?.Api) is { } c ? (c, configPath)
            : (null, "default");
        (string? Value, string Source) token =
            NonEmpty(tokenFlag) is { } t ? (t, "--token")
            : NonEmpty(environment(TokenVariable)) is { } e2 ? (e2, TokenVariable)
            : NonEmpty(config.Value?.AdminToken) is { } c2 ? (c2, configPath)
            : (null, "none");

        var address = api.Value is null ? DefaultApi : ParseAddress(api.Value, api.Source);
        return new ConnectionSettings(address, token.Value, api.Source, token.Source);
    }

    /// <summary>
    /// Accepts <c>host:port</c> or <c>http://host:port</c>; the controller speaks cleartext HTTP/2,
    /// so https is refused rather than failing later with a confusing handshake error.
    /// </summary>
    public static Uri ParseAddress(string text, string source)
    {
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || uri.AbsolutePath != "/" || uri.Host.Length == 0)
        {
            throw new CliException($"{source}: \"{text}\" is not a controller address (use 127.0.0.1:7070 or http://127.0.0.1:7070)");
        }

        return uri;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
