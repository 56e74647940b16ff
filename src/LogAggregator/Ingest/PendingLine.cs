using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Ingest;

/// <summary>PendingLine is a validated line on its way into an app's log.</summary>
internal readonly record struct PendingLine(string App, LogLine Line);
