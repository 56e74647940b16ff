using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MiniPaas.Broker.Api;

/// <summary>
/// What every <c>/v2</c> request passes before its handler: HTTP basic authentication (401 otherwise) and an
/// <c>X-Broker-API-Version</c> this broker supports (412 otherwise). Echoes <c>X-Broker-API-Request-Identity</c>
/// and logs <c>X-Broker-API-Originating-Identity</c> without ever failing on it.
/// </summary>
internal sealed class BrokerApiFilter : IEndpointFilter
{
    public const string VersionHeader = "X-Broker-API-Version";
    public const string RequestIdentityHeader = "X-Broker-API-Request-Identity";
    public const string OriginatingIdentityHeader = "X-Broker-API-Originating-Identity";

    /// <summary>2.14 added fetching instances and bindings, which the catalog advertises.</summary>
    public const int MinimumMinorVersion = 14;

    private readonly byte[] _expectedUser;
    private readonly byte[] _expectedPassword;
    private readonly ILogger<BrokerApiFilter> _logger;

    public BrokerApiFilter(IOptions<BrokerOptions> options, ILogger<BrokerApiFilter> logger)
    {
        // Hashing first gives equal-length inputs, so the comparison time says nothing about the length either.
        _expectedUser = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Username ?? string.Empty));
        _expectedPassword = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Password ?? string.Empty));
        _logger = logger;
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers[RequestIdentityHeader].ToString() is { Length: > 0 } requestIdentity)
        {
            http.Response.Headers[RequestIdentityHeader] = requestIdentity;
        }

        if (Authenticate(http.Request) is { } authenticationProblem)
        {
            BrokerLog.RequestUnauthenticated(_logger, http.Request.Method, http.Request.Path, authenticationProblem);
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"MiniPaas service broker\", charset=\"UTF-8\"";
            return OsbEndpoints.Write(OsbResponse.Error(StatusCodes.Status401Unauthorized, OsbErrorCodes.Unauthorized, authenticationProblem));
        }

        if (CheckVersion(http.Request.Headers[VersionHeader].ToString()) is { } versionProblem)
        {
            return OsbEndpoints.Write(OsbResponse.Error(StatusCodes.Status412PreconditionFailed, OsbErrorCodes.UnsupportedApiVersion, versionProblem));
        }

        LogOriginatingIdentity(http.Request);
        return await next(context);
    }

    private string? Authenticate(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return "HTTP basic authentication is required.";
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return "The Authorization header's basic credentials are not valid base64.";
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return "The basic credentials must have the form user:password.";
        }

        var userMatches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(decoded[..colon])), _expectedUser);
        var passwordMatches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(decoded[(colon + 1)..])), _expectedPassword);
        return userMatches & passwordMatches ? null : "The user name or password is wrong.";
    }

    private static string? CheckVersion(string header)
    {
        var supported = $"this broker supports 2.{MinimumMinorVersion} and later 2.x versions";
        if (header.Length == 0)
        {
            return $"The {VersionHeader} header is required; {supported}.";
        }

        var parts = header.Split('.');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return $"{VersionHeader} \"{header}\" is not a MAJOR.MINOR version; {supported}.";
        }

        return major == 2 && minor >= MinimumMinorVersion ? null : $"{VersionHeader} {header} is not supported; {supported}.";
    }

    private void LogOriginatingIdentity(HttpRequest request)
    {
        var header = request.Headers[OriginatingIdentityHeader].ToString();
        if (header.Length == 0 || !_logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        // "platform base64(json)"; anything else is logged as malformed and otherwise ignored, as the spec makes it optional.
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        string identity;
        try
        {
            identity = space > 0 ? Encoding.UTF8.GetString(Convert.FromBase64String(header[(space + 1)..])) : "(malformed)";
        }
        catch (FormatException)
        {
            identity = "(malformed)";
        }

        BrokerLog.OriginatingIdentity(_logger, request.Method, request.Path, space > 0 ? header[..space] : header, identity);
    }
}
