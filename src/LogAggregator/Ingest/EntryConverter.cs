using Google.Protobuf.WellKnownTypes;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Ingest;

/// <summary>EntryConverter validates a shipped <see cref="LogEntry"/> and turns it into a line to store.</summary>
internal sealed class EntryConverter
{
    private readonly LineNormalizer _normalizer;
    private readonly TimeProvider _time;

    public EntryConverter(LineNormalizer normalizer, TimeProvider time)
    {
        _normalizer = normalizer;
        _time = time;
    }

    /// <summary>Returns null and the line, or why the entry is refused.</summary>
    public string? TryConvert(LogEntry entry, out PendingLine line, out bool truncated)
    {
        line = default;
        truncated = false;
        if (AppNames.Validate(entry.App) is { } appProblem)
        {
            return appProblem;
        }

        if (!LogSourceTypes.IsKnown(entry.SourceType))
        {
            return $"source_type '{Shorten(entry.SourceType)}' is not one of {string.Join(", ", LogSourceTypes.All)}";
        }

        if (entry.SourceInstance.Length > 128)
        {
            return $"source_instance is {entry.SourceInstance.Length} characters long; at most 128 are allowed";
        }

        if (entry.Stream is not (LogOutputStream.Unspecified or LogOutputStream.Out or LogOutputStream.Err))
        {
            return $"stream {(int)entry.Stream} is not OUT or ERR";
        }

        if (entry.Fields.Count > 0 && _normalizer.CheckFields(entry.Fields) is { } fieldProblem)
        {
            return fieldProblem;
        }

        var timestamp = entry.Timestamp is null || (entry.Timestamp.Seconds == 0 && entry.Timestamp.Nanos == 0)
            ? _time.GetUtcNow()
            : ToDateTimeOffset(entry.Timestamp);
        if (timestamp is null)
        {
            return "timestamp is outside 0001-01-01..9999-12-31";
        }

        var message = _normalizer.Truncate(entry.Message, out truncated);
        var fields = entry.Fields.Count == 0 ? null : new Dictionary<string, string>(entry.Fields, StringComparer.Ordinal);
        line = new PendingLine(
            entry.App,
            new LogLine(timestamp.Value, entry.SourceType, entry.SourceInstance, entry.Stream == LogOutputStream.Err ? LineStream.Err : LineStream.Out, message, fields));
        return null;
    }

    private static DateTimeOffset? ToDateTimeOffset(Timestamp timestamp)
    {
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
