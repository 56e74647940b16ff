using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Query;
using MiniPaas.LogAggregator.Store;
using MiniPaas.LogAggregator.Tests.Infrastructure;
using static MiniPaas.LogAggregator.Tests.Store.StoreTestData;

namespace MiniPaas.LogAggregator.Tests.Query;

public sealed class RecentReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly AppLog _log;

    public RecentReaderTests()
    {
        _log = AppLog.Open("hello", Path.Combine(_temp.Path, "hello"), Settings(segmentBytes: 2048), out _);
        var lines = new List<LogLine>();
        for (var i = 0; i < 300; i++)
        {
            lines.Add(Line($"request {i} {(i % 10 == 0 ? "FAILED" : "ok")}", instance: (i % 3).ToString(System.Globalization.CultureInfo.InvariantCulture), secondsAfterStart: i, sourceType: i % 2 == 0 ? "APP" : "RTR"));
        }

        foreach (var chunk in lines.Chunk(7))
        {
            _log.Append(chunk);
        }
    }

    public void Dispose()
    {
        _log.Dispose();
        _temp.Dispose();
    }

    [Fact]
    public void Read_Limit_ReturnsNewestLinesOldestFirst()
    {
        var lines = RecentReader.Read(_log, LineFilter.All, 5);

        Assert.Equal([296UL, 297UL, 298UL, 299UL, 300UL], lines.Select(l => l.Sequence));
    }

    [Fact]
    public void Read_SourceAndInstanceFilter_ReturnsOnlyThatInstancesLines()
    {
        var filter = new LineFilter { SourceTypes = new HashSet<string> { "APP" }, SourceInstance = "1" };

        var lines = RecentReader.Read(_log, filter, 1000);

        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.True(l.SourceType == "APP" && l.SourceInstance == "1"));
        Assert.Equal(lines.Select(l => l.Sequence).Order(), lines.Select(l => l.Sequence));
        Assert.Equal(50, lines.Count);
    }

    [Fact]
    public void Read_TimeRangeAndText_ReturnsMatchingLinesAcrossSegments()
    {
        var filter = new LineFilter { Since = Start.AddSeconds(100), Until = Start.AddSeconds(200), Text = "failed" };

        var lines = RecentReader.Read(_log, filter, 1000);

        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"request {i * 10} FAILED"), lines.Select(l => l.Message));
        Assert.True(_log.Snapshot().Count > 2, "the lines should span several segments");
    }

    [Fact]
    public void Read_MaxSequence_StopsThere()
    {
        var lines = RecentReader.Read(_log, LineFilter.All, 3, maxSequence: 10);

        Assert.Equal([8UL, 9UL, 10UL], lines.Select(l => l.Sequence));
    }
}
