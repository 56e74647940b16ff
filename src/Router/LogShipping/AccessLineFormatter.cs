using System.Globalization;
using System.Text;
using MiniPaas.Router.AccessLog;

namespace MiniPaas.Router.LogShipping;

/// <summary>
/// Renders an answered request as the message of an <c>RTR</c> line, in the spirit of Cloud
/// Foundry's router lines: <c>hello.localhost:8080 - "GET /path HTTP/1.1" 200 3.21ms instance:0 x_request_id:abc</c>.
/// </summary>
internal static class AccessLineFormatter
{
    /// <summary>The app port only speaks HTTP/1.1 (see the router's listener setup), so that is every request's protocol.</summary>
    public const string Protocol = "HTTP/1.1";

    public static string Format(AccessLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var builder = new StringBuilder(96 + entry.Path.Length);
        builder.Append(entry.Host.Length == 0 ? "-" : entry.Host)
            .Append(" - \"").Append(entry.Method).Append(' ').Append(entry.Path).Append(' ').Append(Protocol).Append("\" ")
            .Append(entry.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(entry.LatencyMilliseconds.ToString("0.##", CultureInfo.InvariantCulture)).Append("ms")
            .Append(" instance:").Append(entry.InstanceIndex is { } index ? index.ToString(CultureInfo.InvariantCulture) : "-")
            .Append(" x_request_id:").Append(entry.RequestId);
        if (entry.Attempts > 1)
        {
            builder.Append(" attempts:").Append(entry.Attempts.ToString(CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
