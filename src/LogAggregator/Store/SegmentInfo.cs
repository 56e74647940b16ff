namespace MiniPaas.LogAggregator.Store;

/// <summary>
/// SegmentInfo is the in-memory index entry of one segment file. Only the owning
/// <see cref="AppLog"/> changes it, under its lock; readers get <see cref="SegmentSnapshot"/> copies.
/// </summary>
internal sealed class SegmentInfo
{
    public SegmentInfo(string path, ulong firstSequence)
    {
        Path = path;
        FirstSequence = firstSequence;
        Length = SegmentFormat.HeaderBytes;
    }

    public string Path { get; }

    public ulong FirstSequence { get; }

    /// <summary>Sequence of the newest record, or <see cref="FirstSequence"/> - 1 when empty.</summary>
    public ulong LastSequence { get; set; }

    /// <summary>Bytes of valid data (header and whole records); reads never go past it.</summary>
    public long Length { get; set; }

    public long RecordCount { get; set; }

    public DateTimeOffset MinTime { get; set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset MaxTime { get; set; } = DateTimeOffset.MinValue;

    /// <summary>A sealed segment found damaged at startup: it is read up to <see cref="Length"/> and never modified.</summary>
    public bool Damaged { get; set; }

    public SegmentSnapshot Snapshot() => new(Path, FirstSequence, LastSequence, Length, RecordCount, MinTime, MaxTime);

    public void Include(ulong sequence, DateTimeOffset timestamp, long recordBytes)
    {
        LastSequence = sequence;
        RecordCount++;
        Length += recordBytes;
        if (timestamp < MinTime)
        {
            MinTime = timestamp;
        }

        if (timestamp > MaxTime)
        {
            MaxTime = timestamp;
        }
    }
}
