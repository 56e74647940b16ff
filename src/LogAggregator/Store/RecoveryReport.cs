namespace MiniPaas.LogAggregator.Store;

/// <summary>RecoveryReport says what opening an app's log found and repaired.</summary>
internal sealed record RecoveryReport(string App, int Segments, ulong LastSequence, long TornBytesRemoved, string? TornTailCopy, IReadOnlyList<string> Problems);
