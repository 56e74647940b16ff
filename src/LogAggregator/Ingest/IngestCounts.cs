namespace MiniPaas.LogAggregator.Ingest;

/// <summary>IngestCounts says what became of the lines given to <see cref="IngestPipeline.Ingest"/>.</summary>
internal readonly record struct IngestCounts(long Accepted, long RateLimited);
