using System.Buffers;
using System.Globalization;
using System.Text;
using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Drains;

/// <summary>
/// SyslogFormatter writes a line as an RFC 5424 message framed by octet counting (RFC 6587 3.4.1),
/// shaped like Cloud Foundry's drains:
/// <c>LEN &lt;14&gt;1 2026-11-22T01:02:03.456789Z hello hello [APP/0] - - message</c>
/// (facility user; severity informational for OUT, error for ERR; HOSTNAME and APP-NAME the app).
/// </summary>
internal static class SyslogFormatter
{
    private const int FacilityUser = 1;
    private const int SeverityError = 3;
    private const int SeverityInformational = 6;

    public static void WriteFrame(string app, LogLine line, ArrayBufferWriter<byte> output)
    {
        var message = Format(app, line);
        var bytes = Encoding.UTF8.GetByteCount(message);
        var prefix = bytes.ToString(CultureInfo.InvariantCulture) + " ";
        var span = output.GetSpan(prefix.Length + bytes);
        var written = Encoding.ASCII.GetBytes(prefix, span);
        written += Encoding.UTF8.GetBytes(message, span[written..]);
        output.Advance(written);
    }

    public static string Format(string app, LogLine line)
    {
        var severity = line.Stream == LineStream.Err ? SeverityError : SeverityInformational;
        var priority = (FacilityUser * 8) + severity;
        var timestamp = line.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        var name = HeaderField(app, 48);
        var tag = string.IsNullOrEmpty(line.SourceInstance) ? line.SourceType : line.SourceType + "/" + line.SourceInstance;
        var procId = HeaderField("[" + tag + "]", 128);
        return string.Create(CultureInfo.InvariantCulture, $"<{priority}>1 {timestamp} {HeaderField(app, 255)} {name} {procId} - - {line.Message}");
    }

    /// <summary>Header fields are 1..max printable US-ASCII characters without spaces (RFC 5424 6.2).</summary>
    private static string HeaderField(string value, int max)
    {
        if (value.Length == 0)
        {
            return "-";
        }

        var builder = new StringBuilder(Math.Min(value.Length, max));
        foreach (var c in value)
        {
            if (builder.Length == max)
            {
                break;
            }

            builder.Append(c is > ' ' and <= '~' ? c : '_');
        }

        return builder.ToString();
    }
}
