namespace MiniPaas.LogAggregator.Store;

/// <summary>SegmentSnapshot is a copy of a segment's index entry taken under the app's lock, safe to read without it.</summary>
internal sealed record SegmentSnapshot(
    string Path,
    ulong FirstSequence,
    ulong LastSequence,
    long Length,
    long RecordCount,
    DateTimeOffset MinTime,
    DateTimeOffset MaxTime);
