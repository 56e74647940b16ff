using MiniPaas.LogAggregator.Ingest;

namespace MiniPaas.LogAggregator.Clef;

/// <summary>ClefBatch is the result of parsing one CLEF request: every line, or the first error.</summary>
internal sealed record ClefBatch(IReadOnlyList<PendingLine> Lines, long Truncated, string? Error);
