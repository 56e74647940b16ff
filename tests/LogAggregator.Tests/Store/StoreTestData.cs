using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Store;

namespace MiniPaas.LogAggregator.Tests.Store;

/// <summary>Lines and settings shared by the store tests.</summary>
internal static class StoreTestData
{
    public static readonly DateTimeOffset Start = new(2026, 11, 22, 1, 2, 3, TimeSpan.Zero);

    public static StoreSettings Settings(long segmentBytes = 1 << 20, long retentionBytes = 1L << 30, TimeSpan? retentionAge = null) =>
        new(segmentBytes, FsyncOnAppend: false, retentionBytes, retentionAge ?? TimeSpan.FromDays(7));

    public static LogLine Line(string message, string instance = "0", int secondsAfterStart = 0, string sourceType = "APP", LineStream stream = LineStream.Out) =>
        new(Start.AddSeconds(secondsAfterStart), sourceType, instance, stream, message);

    public static List<string> ReadAll(AppLog log) =>
        MiniPaas.LogAggregator.Query.RecentReader.Read(log, MiniPaas.LogAggregator.Query.LineFilter.All, int.MaxValue / 2).Select(l => $"{l.Sequence}:{l.SourceInstance}:{l.Message}").ToList();
}
