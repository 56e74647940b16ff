namespace MiniPaas.LogAggregator.Store;

/// <summary>StoreSettings are the parts of the options the store needs, fixed when it opens.</summary>
internal sealed record StoreSettings(long SegmentBytes, bool FsyncOnAppend, long RetentionBytesPerApp, TimeSpan RetentionAge);
