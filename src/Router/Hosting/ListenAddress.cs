using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace MiniPaas.Router.Hosting;

/// <summary>An <c>http://IP:PORT</c> address Kestrel listens on, parsed from a setting.</summary>
internal sealed record ListenAddress(IPAddress Address, int Port)
{
    /// <summary>Parses <paramref name="value"/>; <paramref name="error"/> explains what is wrong (without the setting name).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out ListenAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            error = "is empty; use http://IP:PORT, e.g. http://127.0.0.1:8080";
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            // TLS would need certificates the platform does not manage; everything is loopback anyway.
            error = $"\"{value}\" is not an http:// URL; use http://IP:PORT, e.g. http://127.0.0.1:8080";
            return false;
        }

        if (uri.AbsolutePath != "/" || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = $"\"{value}\" must not have a path, query or fragment";
            return false;
        }

        if (!HasExplicitPort(value))
        {
            error = $"\"{value}\" has no port; use http://IP:PORT (port 0 picks a free one)";
            return false;
        }

        IPAddress ip;
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            ip = IPAddress.Loopback;
        }
        else if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out ip!))
        {
            error = $"\"{value}\" must name an IP address (or localhost), not the host name \"{uri.Host}\"";
            return false;
        }

        address = new ListenAddress(ip, uri.Port);
        error = null;
        return true;
    }

    // Uri hides whether ":80" was written, and a listener without a port is almost always a typo.
    private static bool HasExplicitPort(string value)
    {
        var authority = value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var slash = authority.IndexOf('/');
        if (slash >= 0)
        {
            authority = authority[..slash];
        }

        var colon = authority.LastIndexOf(':');
        return colon > authority.LastIndexOf(']') && colon < authority.Length - 1;
    }

    /// <inheritdoc />
    public override string ToString() => Port == 0 ? $"http://{new IPEndPoint(Address, 0)} (free port)" : $"http://{new IPEndPoint(Address, Port)}";
}
