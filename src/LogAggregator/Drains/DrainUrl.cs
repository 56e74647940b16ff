namespace MiniPaas.LogAggregator.Drains;

/// <summary>DrainUrl is a parsed <c>syslog://HOST:PORT</c> drain address (RFC 5424 over TCP).</summary>
internal sealed record DrainUrl(string Host, int Port)
{
    public override string ToString() => $"syslog://{(Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host)}:{Port}";

    public static bool TryParse(string? text, out DrainUrl? url, out string? problem)
    {
        url = null;
        problem = null;
        const string Expected = "use syslog://HOST:PORT (RFC 5424 over TCP), e.g. syslog://127.0.0.1:5514";
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"drain URL is required: {Expected}";
            return false;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri))
        {
            problem = $"drain URL '{text}' does not parse: {Expected}";
            return false;
        }

        if (uri.Scheme != "syslog")
        {
            problem = $"drain URL '{text}' has scheme '{uri.Scheme}', which is not supported: {Expected}";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host) || uri.IsDefaultPort || uri.Port <= 0)
        {
            problem = $"drain URL '{text}' needs a host and a port: {Expected}";
            return false;
        }

        if (uri.AbsolutePath is not ("" or "/") || uri.Query.Length > 0 || uri.UserInfo.Length > 0)
        {
            problem = $"drain URL '{text}' must have no path, query or user: {Expected}";
            return false;
        }

        url = new DrainUrl(uri.Host.Trim('[', ']'), uri.Port);
        return true;
    }
}
