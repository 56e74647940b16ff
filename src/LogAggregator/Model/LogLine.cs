namespace MiniPaas.LogAggregator.Model;

/// <summary>
/// LogLine is one stored line of an app. The store assigns <see cref="Sequence"/> when the line is
/// appended; after that the line is shared read-only between readers, followers and drains.
/// </summary>
internal sealed class LogLine
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>();

    public LogLine(DateTimeOffset timestamp, string sourceType, string sourceInstance, LineStream stream, string message, IReadOnlyDictionary<string, string>? fields = null)
    {
        Timestamp = timestamp;
        SourceType = sourceType;
        SourceInstance = sourceInstance;
        Stream = stream;
        Message = message;
        Fields = fields ?? NoFields;
    }

    /// <summary>Per-app position, from 1, increasing by one per stored line.</summary>
    public ulong Sequence { get; set; }

    public DateTimeOffset Timestamp { get; }

    public string SourceType { get; }

    public string SourceInstance { get; }

    public LineStream Stream { get; }

    public string Message { get; }

    public IReadOnlyDictionary<string, string> Fields { get; }
}
