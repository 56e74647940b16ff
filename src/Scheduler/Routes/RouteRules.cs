namespace MiniPaas.Scheduler.Routes;

/// <summary>
/// RouteRules checks hosts and path prefixes before they are stored. Hosts are compared byte for
/// byte by the router, so only one spelling is accepted (lower-case, no trailing dot); path
/// prefixes are normalized ("/api/" → "/api", "/" → all paths) so two spellings of one route
/// cannot be mapped to different apps.
/// </summary>
internal static class RouteRules
{
    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;
    private const int MaxPathPrefixLength = 1024;

    /// <summary>Returns null when <paramref name="host"/> is a valid route host, otherwise why it is not.</summary>
    public static string? ValidateHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return "route host is required, e.g. 'www.localhost'";
        }

        if (host.Contains("://", StringComparison.Ordinal))
        {
            return $"route host '{host}' must not contain a scheme: give the bare host name, e.g. 'www.localhost'";
        }

        if (host.Contains(':', StringComparison.Ordinal))
        {
            return $"route host '{host}' must not contain a port: the router's port is added to app URLs";
        }

        if (host.Contains('/', StringComparison.Ordinal))
        {
            return $"route host '{host}' must not contain a path: pass the path as path_prefix";
        }

        if (host.Length > MaxHostLength)
        {
            return $"route host '{host[..32]}…' is {host.Length} characters long; DNS names have at most {MaxHostLength}";
        }

        if (host.Any(char.IsAsciiLetterUpper))
        {
            return $"route host '{host}' must be lower-case (use '{host.ToLowerInvariant()}')";
        }

        foreach (var label in host.Split('.'))
        {
            if (label.Length == 0)
            {
                return $"route host '{host}' has an empty label (leading, trailing or doubled '.')";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"route host '{host}' has a label of {label.Length} characters; DNS labels have at most {MaxLabelLength}";
            }

            if (!label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return $"route host '{host}' may contain only a-z, 0-9, '-' and '.' (label '{label}')";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"route host '{host}': label '{label}' must not start or end with '-'";
            }
        }

        return null;
    }

    /// <summary>
    /// Normalizes a path prefix: empty or "/" → "" (all paths), a trailing '/' is dropped. Returns
    /// the error instead when the prefix is not an absolute, plain path.
    /// </summary>
    public static (string PathPrefix, string? Error) NormalizePathPrefix(string? pathPrefix)
    {
        if (string.IsNullOrEmpty(pathPrefix) || pathPrefix == "/")
        {
            return ("", null);
        }

        if (pathPrefix[0] != '/')
        {
            return ("", $"path prefix '{pathPrefix}' must start with '/', e.g. '/api'");
        }

        if (pathPrefix.Length > MaxPathPrefixLength)
        {
            return ("", $"path prefix is {pathPrefix.Length} characters long; at most {MaxPathPrefixLength} are allowed");
        }

        if (pathPrefix.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is '?' or '#' or '%' or '\\'))
        {
            return ("", $"path prefix '{pathPrefix}' must be a plain path without spaces, '?', '#', '%' or '\\'");
        }

        // Any "..", not only whole segments: routers and apps decode and normalize paths differently.
        if (pathPrefix.Contains("..", StringComparison.Ordinal))
        {
            return ("", $"path prefix '{pathPrefix}' must not contain '..'");
        }

        var trimmed = pathPrefix.TrimEnd('/');
        var segments = trimmed.Split('/')[1..];
        if (segments.Any(s => s == "."))
        {
            return ("", $"path prefix '{pathPrefix}' must not contain '.' segments");
        }

        if (segments.Any(s => s.Length == 0))
        {
            return ("", $"path prefix '{pathPrefix}' must not contain '//'");
        }

        return (trimmed, null);
    }
}
