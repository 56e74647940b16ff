using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Query;

/// <summary>LineFilter selects lines by source type, instance, time range and text; unset parts match everything.</summary>
internal sealed class LineFilter
{
    public static readonly LineFilter All = new();

    /// <summary>Accepted source types, or null for all.</summary>
    public IReadOnlySet<string>? SourceTypes { get; init; }

    /// <summary>The only source instance accepted, or null for all.</summary>
    public string? SourceInstance { get; init; }

    /// <summary>Inclusive lower bound on the timestamp.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Exclusive upper bound on the timestamp.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Text the message must contain (ordinal, ignoring case).</summary>
    public string? Text { get; init; }

    public bool Matches(LogLine line)
    {
        if (SourceTypes is not null && !SourceTypes.Contains(line.SourceType))
        {
            return false;
        }

        if (SourceInstance is not null && !string.Equals(SourceInstance, line.SourceInstance, StringComparison.Ordinal))
        {
            return false;
        }

        if (Since is { } since && line.Timestamp < since)
        {
            return false;
        }

        if (Until is { } until && line.Timestamp >= until)
        {
            return false;
        }

        return Text is null || line.Message.Contains(Text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>False when no line with a timestamp in [<paramref name="min"/>, <paramref name="max"/>] can match.</summary>
    public bool MayMatchTimes(DateTimeOffset min, DateTimeOffset max) =>
        (Since is not { } since || max >= since) && (Until is not { } until || min < until);
}
