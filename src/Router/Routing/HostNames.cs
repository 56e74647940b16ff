using System.Diagnostics.CodeAnalysis;

namespace MiniPaas.Router.Routing;

/// <summary>
/// Normalises the host names and path prefixes of route matches, so that lookups can compare them
/// case-insensitively and without ports: <c>Api.LOCALHOST:8080/v2/</c> becomes host <c>api.localhost</c>,
/// prefix <c>/v2</c>.
/// </summary>
internal static class HostNames
{
    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>
    /// Normalises one route match. A path written into the host (<c>api.localhost/v2</c>) is accepted when
    /// <paramref name="pathPrefix"/> is empty; a port in the host is dropped (the router's own port serves every app).
    /// </summary>
    public static bool TryNormalizeMatch(
        string? host,
        string? pathPrefix,
        [NotNullWhen(true)] out string? normalizedHost,
        [NotNullWhen(true)] out string? normalizedPrefix,
        [NotNullWhen(false)] out string? error)
    {
        normalizedHost = null;
        normalizedPrefix = null;
        var hostPart = (host ?? string.Empty).Trim();
        var prefixPart = (pathPrefix ?? string.Empty).Trim();

        var slash = hostPart.IndexOf('/');
        if (slash >= 0)
        {
            if (prefixPart.Length > 0)
            {
                error = $"host \"{host}\" contains a path and path_prefix \"{pathPrefix}\" is set too";
                return false;
            }

            prefixPart = hostPart[slash..];
            hostPart = hostPart[..slash];
        }

        if (!TryNormalizeHost(hostPart, out normalizedHost, out error))
        {
            return false;
        }

        return TryNormalizePathPrefix(prefixPart, out normalizedPrefix, out error);
    }

    /// <summary>Lower-cases <paramref name="value"/>, drops a port and a trailing dot, and checks it is a DNS name.</summary>
    public static bool TryNormalizeHost(string? value, [NotNullWhen(true)] out string? host, [NotNullWhen(false)] out string? error)
    {
        host = null;
        var text = (value ?? string.Empty).Trim();
        var colon = text.LastIndexOf(':');
        if (colon >= 0)
        {
            var port = text[(colon + 1)..];
            if (port.Length == 0 || !port.All(char.IsAsciiDigit) || text.IndexOf(':') != colon)
            {
                error = $"host \"{value}\" is not a host name (IPv6 literals and malformed ports are not routable)";
                return false;
            }

            text = text[..colon];
        }

        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.Length == 0)
        {
            error = $"host \"{value}\" is empty";
            return false;
        }

        if (text.Length > MaxHostLength)
        {
            error = $"host \"{value}\" is longer than {MaxHostLength} characters";
            return false;
        }

        foreach (var label in text.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength
                || label[0] == '-' || label[^1] == '-'
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                error = $"host \"{value}\" is not a valid host name (label \"{label}\")";
                return false;
            }
        }

        host = text.ToLowerInvariant();
        error = null;
        return true;
    }

    /// <summary>
    /// Normalises a path prefix to <c>/seg1/seg2</c> (no trailing slash), or the empty string for "all paths".
    /// Prefixes match whole segments: <c>/v2</c> matches <c>/v2</c> and <c>/v2/x</c>, not <c>/v2x</c>.
    /// </summary>
    public static bool TryNormalizePathPrefix(string? value, [NotNullWhen(true)] out string? prefix, [NotNullWhen(false)] out string? error)
    {
        prefix = null;
        var text = (value ?? string.Empty).Trim();
        if (text.Length == 0 || text == "/")
        {
            prefix = string.Empty;
            error = null;
            return true;
        }

        if (text[0] != '/')
        {
            text = "/" + text;
        }

        text = text.TrimEnd('/');
        foreach (var c in text)
        {
            // Braces and '*' would be read as route template syntax; '?' and '#' are never part of a path.
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '?' or '#' or '{' or '}' or '*' or '\\')
            {
                error = $"path prefix \"{value}\" contains '{c}', which cannot appear in a routable path prefix";
                return false;
            }
        }

        foreach (var segment in text[1..].Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                error = $"path prefix \"{value}\" has an empty, \".\" or \"..\" segment";
                return false;
            }
        }

        prefix = text;
        error = null;
        return true;
    }
}
