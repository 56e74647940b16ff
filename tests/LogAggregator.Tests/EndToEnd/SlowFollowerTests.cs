using System.Globalization;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Tests.Infrastructure;

namespace MiniPaas.LogAggregator.Tests.EndToEnd;

public sealed class SlowFollowerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Follow_FollowerThatDoesNotRead_IngestCompletesAndFollowerGetsSkippedMarker()
    {
        await using var host = await AggregatorHost.StartAsync(_temp.Path, new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:FollowerQueueLines"] = "16",
            ["MiniPaas:LogAggregator:RateLimitLinesPerSecond"] = "0",
        });
        using var channel = host.Channel();
        await Ship.EntriesAsync(channel, Ship.Entry("busy", "start"));
        using var follow = channel.ServerStreaming(LogServiceMethods.Follow, new LogQuery { App = "busy", Limit = 1 });
        await using var lines = follow.ResponseStream.GetAsyncEnumerator();
        Assert.True(await lines.MoveNextAsync());

        // 20,000 lines of ~200 bytes: far more than HTTP/2 flow control and the 16-line queue can hold.
        var padding = new string('p', 200);
        var batches = Enumerable.Range(0, 20).Select(b =>
        {
            var batch = new LogBatch();
            batch.Entries.AddRange(Enumerable.Range(0, 1000).Select(i => Ship.Entry("busy", $"{(b * 1000) + i} {padding}")));
            return batch;
        }).ToArray();
        var reply = await Ship.BatchesAsync(channel, batches).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(20_000, reply.Accepted);

        // Read everything now; "last" is shipped until the reader sees it, since a copy shipped while
        // the queue is still full is itself skipped.
        var received = 0;
        LogRecord? marker = null;
        var reader = Task.Run(async () =>
        {
            while (await lines.MoveNextAsync())
            {
                received++;
                if (lines.Current.Sequence == 0)
                {
                    marker ??= lines.Current;
                }

                if (lines.Current.Entry.Message == "last")
                {
                    return;
                }
            }
        });
        await Eventually.WaitAsync(
            async () =>
            {
                if (!reader.IsCompleted)
                {
                    await Ship.EntriesAsync(channel, Ship.Entry("busy", "last"));
                }

                return reader.IsCompleted;
            },
            done => done,
            "the follower to catch up to a line shipped after the burst");
        await reader;

        Assert.NotNull(marker);
        Assert.Equal(LogSourceTypes.Aggregator, marker.Entry.SourceType);
        Assert.Matches("^[0-9]+ lines skipped", marker.Entry.Message);
        var skipped = long.Parse(marker.Entry.Message.Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.True(received < 20_001, $"received {received} lines; expected some skipped");
        Assert.True(skipped > 0);
    }
}
