using System.Globalization;
using Google.Protobuf;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MiniPaas.Cli.Logs;

/// <summary>How the log commands print: <c>cf logs</c>-style lines in local time, JSON Lines, and the drains table.</summary>
internal static class LogsOutput
{
    private static readonly JsonFormatter Compact = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    /// <summary><c>2026-11-22T02:02:03.45+0100 [APP/0] OUT hello</c>, in the zone's offset at the line's time.</summary>
    public static string Line(LogRecord record, TimeZoneInfo zone)
    {
        var time = record.Entry?.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch;
        return LogLineFormatter.Format(record, zone.GetUtcOffset(time.UtcDateTime));
    }

    /// <summary>One record as a single-line JSON object (JSON Lines, so a follower's output can be piped line by line).</summary>
    public static string Json(LogRecord record) => Compact.Format(record);

    /// <summary><c>drains</c>: ID, APP, URL, CONNECTED, SENT, DROPPED, QUEUED, LAST ERROR.</summary>
    public static IRenderable Drains(ListDrainsReply reply)
    {
        var table = new Table().Border(TableBorder.None).ShowHeaders();
        foreach (var header in new[] { "ID", "APP", "URL", "CONNECTED", "SENT", "DROPPED", "QUEUED", "LAST ERROR" })
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))).PadLeft(0).PadRight(3));
        }

        foreach (var drain in reply.Drains.OrderBy(d => d.App, StringComparer.Ordinal).ThenBy(d => d.Url, StringComparer.Ordinal))
        {
            table.AddRow(
                new Text(drain.Id),
                new Text(drain.App),
                new Text(drain.Url),
                new Text(drain.Connected ? "yes" : "no"),
                new Text(drain.Sent.ToString(CultureInfo.InvariantCulture)),
                new Text(drain.Dropped.ToString(CultureInfo.InvariantCulture)),
                new Text(drain.Queued.ToString(CultureInfo.InvariantCulture)),
                new Text(drain.LastError.Length == 0 ? "-" : drain.LastError));
        }

        return table;
    }
}
