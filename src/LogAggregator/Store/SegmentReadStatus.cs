namespace MiniPaas.LogAggregator.Store;

/// <summary>SegmentReadStatus says why <see cref="SegmentReader.Next"/> stopped or what it returned.</summary>
internal enum SegmentReadStatus
{
    /// <summary>A valid record was read.</summary>
    Record,

    /// <summary>The read limit was reached exactly at a record boundary.</summary>
    End,

    /// <summary>The data ends inside a record: a write was cut short (crash mid-write).</summary>
    Torn,

    /// <summary>A record's checksum, length or content is wrong.</summary>
    Corrupt,
}
