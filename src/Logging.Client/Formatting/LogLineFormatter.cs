using System.Globalization;
using System.Text;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Logging.Client;

/// <summary>
/// LogLineFormatter renders lines the way <c>cf logs</c> does:
/// <c>2026-11-22T01:02:03.45+0000 [APP/0] OUT hello</c>. The CLI prints these; tests and tools can parse them back.
/// </summary>
public static class LogLineFormatter
{
    /// <summary>Formats a stored record (see <see cref="Format(LogEntry, TimeSpan?)"/>).</summary>
    public static string Format(LogRecord record, TimeSpan? utcOffset = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Format(record.Entry ?? new LogEntry(), utcOffset);
    }

    /// <summary>
    /// Formats one line: timestamp with hundredths and a colon-less offset (UTC unless
    /// <paramref name="utcOffset"/> is given), the source tag, OUT or ERR, and the message.
    /// </summary>
    public static string Format(LogEntry entry, TimeSpan? utcOffset = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var time = entry.Timestamp is null ? DateTimeOffset.UnixEpoch : entry.Timestamp.ToDateTimeOffset();
        var builder = new StringBuilder(entry.Message.Length + 48);
        AppendTimestamp(builder, time.ToOffset(utcOffset ?? TimeSpan.Zero));
        builder.Append(' ').Append('[').Append(FormatTag(entry.SourceType, entry.SourceInstance)).Append("] ");
        builder.Append(entry.Stream == LogOutputStream.Err ? "ERR" : "OUT");
        builder.Append(' ').Append(entry.Message);
        return builder.ToString();
    }

    /// <summary>The source tag without brackets: <c>APP/0</c>, or just <c>RTR</c> when the instance is empty.</summary>
    public static string FormatTag(string sourceType, string? sourceInstance) =>
        string.IsNullOrEmpty(sourceInstance) ? sourceType : sourceType + "/" + sourceInstance;

    private static void AppendTimestamp(StringBuilder builder, DateTimeOffset time)
    {
        builder.Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss.ff", CultureInfo.InvariantCulture));
        var offset = time.Offset;
        builder.Append(offset < TimeSpan.Zero ? '-' : '+');
        var absolute = offset.Duration();
        builder.Append(absolute.Hours.ToString("00", CultureInfo.InvariantCulture));
        builder.Append(absolute.Minutes.ToString("00", CultureInfo.InvariantCulture));
    }
}
