using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Query;
using MiniPaas.LogAggregator.Store;
using MiniPaas.LogAggregator.Tests.Infrastructure;
using static MiniPaas.LogAggregator.Tests.Store.StoreTestData;

namespace MiniPaas.LogAggregator.Tests.Store;

public sealed class AppLogTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string AppDirectory => Path.Combine(_temp.Path, "hello");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Append_LinesFromTwoInstances_ReadBackInSequenceOrderWithFieldsIntact()
    {
        using var log = AppLog.Open("hello", AppDirectory, Settings(), out _);
        log.Append([Line("a0", "0"), Line("b0", "1")]);
        log.Append([
            Line("a1", "0"),
            new LogLine(Start, "RTR", "router", LineStream.Err, "GET / 200", new Dictionary<string, string> { ["status"] = "200", ["ünï"] = "çødé ✓" }),
        ]);

        var lines = RecentReader.Read(log, LineFilter.All, 100);

        Assert.Equal(["a0", "b0", "a1", "GET / 200"], lines.Select(l => l.Message));
        Assert.Equal([1UL, 2UL, 3UL, 4UL], lines.Select(l => l.Sequence));
        Assert.Equal(["0", "1", "0", "router"], lines.Select(l => l.SourceInstance));
        Assert.Equal(LineStream.Err, lines[3].Stream);
        Assert.Equal("çødé ✓", lines[3].Fields["ünï"]);
        Assert.Equal(Start, lines[3].Timestamp);
    }

    [Fact]
    public void Open_AfterClose_ContinuesSequenceAndKeepsLines()
    {
        using (var log = AppLog.Open("hello", AppDirectory, Settings(), out _))
        {
            log.Append([Line("one"), Line("two")]);
        }

        using var reopened = AppLog.Open("hello", AppDirectory, Settings(), out var report);
        reopened.Append([Line("three")]);

        Assert.Empty(report.Problems);
        Assert.Equal(["1:0:one", "2:0:two", "3:0:three"], ReadAll(reopened));
    }

    [Fact]
    public void Append_PastSegmentSize_RollsToNewSegmentsNamedByFirstSequence()
    {
        using var log = AppLog.Open("hello", AppDirectory, Settings(segmentBytes: 64 * 1024), out _);
        var payload = new string('x', 1000);
        for (var i = 0; i < 200; i++)
        {
            log.Append([Line(payload + i)]);
        }

        var segments = log.Snapshot();
        Assert.True(segments.Count >= 3, $"expected several segments, got {segments.Count}");
        Assert.Equal(1UL, segments[0].FirstSequence);
        for (var i = 1; i < segments.Count; i++)
        {
            Assert.Equal(segments[i - 1].LastSequence + 1, segments[i].FirstSequence);
            Assert.Equal(SegmentFormat.FileName(segments[i].FirstSequence), Path.GetFileName(segments[i].Path));
        }

        Assert.Equal(200, ReadAll(log).Count);
    }

    [Fact]
    public void Open_TornLastRecord_CutsItKeepsEarlierLinesAndSavesTheCutBytes()
    {
        string segmentPath;
        long lengthBeforeLast;
        using (var log = AppLog.Open("hello", AppDirectory, Settings(), out _))
        {
            log.Append([Line("first"), Line("second")]);
            lengthBeforeLast = log.Snapshot()[^1].Length;
            log.Append([Line("third, cut short by a crash")]);
            segmentPath = log.Snapshot()[^1].Path;
        }

        // A crash mid-write leaves part of the last record: keep its header and a few payload bytes.
        using (var file = new FileStream(segmentPath, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(lengthBeforeLast + 13);
        }

        using var reopened = AppLog.Open("hello", AppDirectory, Settings(), out var report);

        Assert.Equal(["1:0:first", "2:0:second"], ReadAll(reopened));
        Assert.Equal(13, report.TornBytesRemoved);
        Assert.Equal(lengthBeforeLast, new FileInfo(segmentPath).Length);
        Assert.True(File.Exists(report.TornTailCopy), "the cut bytes are kept for inspection");
        reopened.Append([Line("after recovery")]);
        Assert.Equal(["1:0:first", "2:0:second", "3:0:after recovery"], ReadAll(reopened));
    }

    [Fact]
    public void Open_CorruptByteInNewestSegment_CutsFromBadRecordAndLeavesSealedSegmentsByteForByte()
    {
        var payload = new string('y', 2000);
        using (var log = AppLog.Open("hello", AppDirectory, Settings(segmentBytes: 64 * 1024), out _))
        {
            for (var i = 0; i < 80; i++)
            {
                log.Append([Line(payload + i)]);
            }
        }

        var files = Directory.GetFiles(AppDirectory, "*.seg").Order().ToList();
        Assert.True(files.Count >= 2);
        var sealedBefore = files.SkipLast(1).Select(File.ReadAllBytes).ToList();
        var newest = files[^1];
        long recordsBefore;
        using (var probe = AppLog.Open("hello", AppDirectory, Settings(segmentBytes: 64 * 1024), out _))
        {
            recordsBefore = probe.Snapshot()[^1].RecordCount;
        }

        // Flip one byte inside the newest segment's last record: its CRC no longer matches.
        var bytes = File.ReadAllBytes(newest);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(newest, bytes);

        using var reopened = AppLog.Open("hello", AppDirectory, Settings(segmentBytes: 64 * 1024), out var report);

        Assert.Contains(report.Problems, p => p.Contains("checksum", StringComparison.Ordinal));
        Assert.Equal(recordsBefore - 1, reopened.Snapshot()[^1].RecordCount);
        Assert.Equal(79, ReadAll(reopened).Count);
        Assert.Equal(sealedBefore, files.SkipLast(1).Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public void Open_CorruptSealedSegment_LeavesFileUnchangedAndReadsUpToTheDamage()
    {
        var payload = new string('z', 2000);
        using (var log = AppLog.Open("hello", AppDirectory, Settings(segmentBytes: 64 * 1024), out _))
        {
            for (var i = 0; i < 80; i++)
            {
                log.Append([Line(payload + i)]);
            }
        }

        var oldest = Directory.GetFiles(AppDirectory, "*.seg").Order().First();
        var bytes = File.ReadAllBytes(oldest);
        bytes[^10] ^= 0xFF;
        File.WriteAllBytes(oldest, bytes);

        using var reopened = AppLog.Open("hello", AppDirectory, Settings(segmentBytes: 64 * 1024), out var report);

        Assert.Contains(report.Problems, p => p.Contains("(sealed)", StringComparison.Ordinal));
        Assert.Equal(bytes, File.ReadAllBytes(oldest));
        Assert.Equal(79, ReadAll(reopened).Count);
        Assert.Equal(80UL, reopened.LastSequence);
    }

    [Fact]
    public void ApplyRetention_OverSizeLimit_DeletesOldestSegmentsKeepsNewest()
    {
        var payload = new string('r', 4000);
        using var log = AppLog.Open("hello", AppDirectory, Settings(segmentBytes: 64 * 1024, retentionBytes: 1L << 30), out _);
        for (var i = 0; i < 100; i++)
        {
            log.Append([Line(payload + i)]);
        }

        var before = log.Snapshot();
        var deleted = log.ApplyRetention(maxBytes: 150 * 1024, cutoff: DateTimeOffset.MinValue);

        var after = log.Snapshot();
        Assert.True(deleted > 0);
        Assert.True(after.Sum(s => s.Length) <= 150 * 1024);
        Assert.Equal(before[^1].Path, after[^1].Path);
        Assert.Equal(100UL, log.LastSequence);
        var kept = ReadAll(log);
        Assert.EndsWith(":" + payload + "99", kept[^1], StringComparison.Ordinal);
        Assert.False(File.Exists(before[0].Path));
    }

    [Fact]
    public void ApplyRetention_AllLinesOlderThanCutoff_DeletesThemAndNumberingCarriesOnAfterReopen()
    {
        using (var log = AppLog.Open("hello", AppDirectory, Settings(), out _))
        {
            log.Append([Line("old one", secondsAfterStart: 0), Line("old two", secondsAfterStart: 1)]);
            var deleted = log.ApplyRetention(long.MaxValue, cutoff: Start.AddHours(1));
            Assert.Equal(1, deleted);
            Assert.Empty(ReadAll(log));
        }

        using var reopened = AppLog.Open("hello", AppDirectory, Settings(), out _);
        reopened.Append([Line("new")]);
        Assert.Equal(["3:0:new"], ReadAll(reopened));
    }

    [Fact]
    public void Append_SubscriberNeverReads_AppendsFinishAndSubscriberSeesSkipCount()
    {
        using var log = AppLog.Open("hello", AppDirectory, Settings(), out _);
        var subscription = log.Subscribe(capacity: 16, LineFilter.All, out var last);
        Assert.Equal(0UL, last);

        for (var i = 0; i < 1000; i++)
        {
            log.Append([Line("line " + i)]);
        }

        var received = new List<SubscribedLine>();
        while (subscription.Reader.TryRead(out var item))
        {
            received.Add(item);
        }

        Assert.Equal(16, received.Count);
        Assert.Equal(984, subscription.TotalSkipped);
        log.Append([Line("after catching up")]);
        Assert.True(subscription.Reader.TryRead(out var next));
        Assert.Equal(984, next.SkippedBefore);
        Assert.Equal("after catching up", next.Line.Message);
    }

    [Fact]
    public void Open_NewestSegmentHeaderDamaged_SetsItAsideAndAppendsToAFreshSegment()
    {
        var payload = new string('h', 2000);
        using (var log = AppLog.Open("hello", AppDirectory, Settings(segmentBytes: 64 * 1024), out _))
        {
            for (var i = 0; i < 40; i++)
            {
                log.Append([Line(payload + i)]);
            }
        }

        var newest = Directory.GetFiles(AppDirectory, "*.seg").Order().Last();
        var damaged = File.ReadAllBytes(newest);
        damaged[0] = (byte)'X';
        File.WriteAllBytes(newest, damaged);

        using var reopened = AppLog.Open("hello", AppDirectory, Settings(segmentBytes: 64 * 1024), out var report);
        reopened.Append([Line("after")]);

        var problem = Assert.Single(report.Problems);
        Assert.Contains("no valid segment header", problem, StringComparison.Ordinal);
        var aside = Assert.Single(Directory.GetFiles(AppDirectory, "*.damaged-*"));
        Assert.Equal(damaged, File.ReadAllBytes(aside));
        var lines = ReadAll(reopened);
        Assert.EndsWith(":0:after", lines[^1], StringComparison.Ordinal);
        Assert.Equal(reopened.Snapshot()[^1].FirstSequence, reopened.LastSequence);
    }
}
