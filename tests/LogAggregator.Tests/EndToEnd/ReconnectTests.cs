using System.Globalization;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Tests.Infrastructure;

namespace MiniPaas.LogAggregator.Tests.EndToEnd;

/// <summary>What happens when the aggregator or a drain's receiver goes away and comes back.</summary>
public sealed class ReconnectTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task LogShipper_AggregatorRestarts_DeliversBufferedLinesOnceAndInOrder()
    {
        var port = FreePort.Pick();
        var settings = new Dictionary<string, string?> { ["MiniPaas:LogAggregator:GrpcEndpoint"] = $"127.0.0.1:{port}" };
        await using var shipper = new LogShipper(new LogShipperOptions
        {
            Address = new Uri($"http://127.0.0.1:{port}"),
            Token = AggregatorHost.Token,
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        });

        await using (var first = await AggregatorHost.StartAsync(_temp.Path, settings))
        {
            for (var i = 0; i < 50; i++)
            {
                shipper.TryEnqueue("resilient", LogSourceTypes.App, "0", Line(i));
            }

            await shipper.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        for (var i = 50; i < 100; i++)
        {
            Assert.True(shipper.TryEnqueue("resilient", LogSourceTypes.App, "0", Line(i)));
        }

        await Eventually.WaitAsync(() => Task.FromResult(shipper.GetStats()), s => s.FailedStreams > 0, "the shipper to notice the aggregator is gone");

        await using var second = await AggregatorHost.StartAsync(_temp.Path, settings);
        await shipper.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        using var channel = second.Channel();
        var stored = await Ship.RecentAsync(channel, "resilient");
        Assert.Equal(Enumerable.Range(0, 100).Select(Line), stored.Select(r => r.Entry.Message));
        // The outage is recorded. Whether the last failure was the stopping server's UNAVAILABLE, a
        // reset, or a refused reconnect depends on timing, so only its presence is checked.
        Assert.False(string.IsNullOrWhiteSpace(shipper.GetStats().LastError));
    }

    [Fact]
    public async Task LogShipper_AggregatorUnreachableAndBufferFull_DropsAndCountsWithoutBlocking()
    {
        await using var shipper = new LogShipper(new LogShipperOptions
        {
            Address = new Uri($"http://127.0.0.1:{FreePort.Pick()}"),
            Token = "unused",
            BufferCapacity = 10,
            DisposeFlushTimeout = TimeSpan.FromMilliseconds(100),
        });

        var accepted = Enumerable.Range(0, 25).Count(i => shipper.TryEnqueue("nowhere", LogSourceTypes.App, "0", Line(i)));

        Assert.Equal(10, accepted);
        var stats = shipper.GetStats();
        Assert.Equal(15, stats.DroppedBufferFull);
        Assert.Equal(10, stats.Buffered);
    }

    [Fact]
    public async Task Drain_ReceiverRestarts_ReconnectsAndDeliversLaterLines()
    {
        await using var host = await AggregatorHost.StartAsync(_temp.Path, new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:DrainReconnectInitialDelay"] = "00:00:00.050",
            ["MiniPaas:LogAggregator:DrainReconnectMaxDelay"] = "00:00:00.200",
        });
        using var channel = host.Channel();
        var port = FreePort.Pick();
        await Ship.EntriesAsync(channel, Ship.Entry("flaky", "create"));
        await using (var firstReceiver = new SyslogListener(port))
        {
            await channel.UnaryAsync(LogServiceMethods.AddDrain, new AddDrainRequest { App = "flaky", Url = $"syslog://127.0.0.1:{port}" });
            await Ship.EntriesAsync(channel, Ship.Entry("flaky", "while up"));
            await Eventually.WaitAsync(() => Task.FromResult(firstReceiver.Messages), m => m.Count == 1, "the first receiver to get a line");
        }

        // The receiver is gone; keep shipping until the drain notices its connection broke.
        await Eventually.WaitAsync(
            async () =>
            {
                await Ship.EntriesAsync(channel, Ship.Entry("flaky", "while down"));
                return (await channel.UnaryAsync(LogServiceMethods.ListDrains, new ListDrainsRequest { App = "flaky" })).Drains.Single();
            },
            d => !d.Connected,
            "the drain to notice the receiver went away");

        await using var secondReceiver = new SyslogListener(port);
        await Ship.EntriesAsync(channel, Ship.Entry("flaky", "after the receiver came back"));

        var messages = await Eventually.WaitAsync(
            () => Task.FromResult(secondReceiver.Messages),
            m => m.Any(x => x.EndsWith("after the receiver came back", StringComparison.Ordinal)),
            "the line shipped after the restart at the new receiver");
        Assert.All(messages, m => Assert.StartsWith("<14>1 ", m, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Drain_ReceiverUnreachable_DropsAreCountedAndReportedInTheAppsLog()
    {
        await using var host = await AggregatorHost.StartAsync(_temp.Path, new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:DrainQueueLines"] = "16",
            ["MiniPaas:LogAggregator:DropReportInterval"] = "00:00:00.100",
            ["MiniPaas:LogAggregator:RateLimitLinesPerSecond"] = "0",
        });
        using var channel = host.Channel();
        await Ship.EntriesAsync(channel, Ship.Entry("unheard", "create"));
        await channel.UnaryAsync(LogServiceMethods.AddDrain, new AddDrainRequest { App = "unheard", Url = $"syslog://127.0.0.1:{FreePort.Pick()}" });

        var reply = await Ship.EntriesAsync(channel, Enumerable.Range(0, 200).Select(i => Ship.Entry("unheard", Line(i))).ToArray());

        Assert.Equal(200, reply.Accepted);
        var drain = (await channel.UnaryAsync(LogServiceMethods.ListDrains, new ListDrainsRequest { App = "unheard" })).Drains.Single();
        Assert.True(drain.Dropped >= 200 - 16 - 1, $"dropped {drain.Dropped}");
        Assert.False(drain.Connected);
        var report = await Eventually.WaitAsync(
            () => Ship.RecentAsync(channel, new LogQuery { App = "unheard", SourceTypes = { LogSourceTypes.Aggregator } }),
            r => r.Count > 0,
            "a drain drop report in the app's log");
        Assert.Contains("dropped", report[0].Entry.Message, StringComparison.Ordinal);
        Assert.Equal(201, (await Ship.RecentAsync(channel, new LogQuery { App = "unheard", Limit = 1000, SourceTypes = { LogSourceTypes.App } })).Count);
    }

    private static string Line(int i) => "line " + i.ToString(CultureInfo.InvariantCulture);
}
