namespace MiniPaas.LogAggregator.Ingest;

/// <summary>DroppedLines is how many lines one source lost to the rate limit since the last report.</summary>
internal readonly record struct DroppedLines(InstanceKey Source, long Count);
