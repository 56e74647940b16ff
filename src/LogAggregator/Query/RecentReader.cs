using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Store;

namespace MiniPaas.LogAggregator.Query;

/// <summary>
/// RecentReader finds the newest lines of an app that match a filter by reading segments newest
/// first (each front to back, keeping only the last matches) until it has enough. Segments whose
/// time span cannot match are skipped without being read.
/// </summary>
internal static class RecentReader
{
    /// <summary>Up to <paramref name="limit"/> matching lines with sequence ≤ <paramref name="maxSequence"/>, oldest first.</summary>
    public static IReadOnlyList<LogLine> Read(AppLog log, LineFilter filter, int limit, ulong maxSequence = ulong.MaxValue)
    {
        if (limit <= 0)
        {
            return [];
        }

        var segments = log.Snapshot();
        var newestFirst = new List<LogLine[]>();
        var remaining = limit;
        for (var i = segments.Count - 1; i >= 0 && remaining > 0; i--)
        {
            var segment = segments[i];
            if (segment.RecordCount == 0 || segment.FirstSequence > maxSequence || !filter.MayMatchTimes(segment.MinTime, segment.MaxTime))
            {
                continue;
            }

            var matches = ReadSegment(segment, filter, remaining, maxSequence);
            if (matches.Length > 0)
            {
                newestFirst.Add(matches);
                remaining -= matches.Length;
            }
        }

        var result = new List<LogLine>(limit - remaining);
        for (var i = newestFirst.Count - 1; i >= 0; i--)
        {
            result.AddRange(newestFirst[i]);
        }

        return result;
    }

    private static LogLine[] ReadSegment(SegmentSnapshot segment, LineFilter filter, int keep, ulong maxSequence)
    {
        var last = new Queue<LogLine>(Math.Min(keep, 1024));
        SegmentReader reader;
        try
        {
            reader = SegmentReader.Open(segment.Path, segment.Length);
        }
        catch (FileNotFoundException)
        {
            // Retention removed it after the snapshot was taken.
            return [];
        }

        using (reader)
        {
            while (reader.Next(out var line) == SegmentReadStatus.Record)
            {
                if (line!.Sequence > maxSequence)
                {
                    break;
                }

                if (!filter.Matches(line))
                {
                    continue;
                }

                if (last.Count == keep)
                {
                    last.Dequeue();
                }

                last.Enqueue(line);
            }
        }

        return last.ToArray();
    }
}
