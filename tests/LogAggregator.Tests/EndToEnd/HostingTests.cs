using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Tests.Infrastructure;
using MiniPaas.Rpc;
using Serilog;

namespace MiniPaas.LogAggregator.Tests.EndToEnd;

public sealed class HostingTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Start_WithoutToken_FailsNamingTheSetting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => AggregatorHost.StartAsync(_temp.Path, new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:Token"] = "",
            ["MiniPaas:LogAggregator:SegmentBytes"] = "10",
        }));

        Assert.Contains("MiniPaas:LogAggregator:Token or MiniPaas:LogAggregator:TokenFile must be set", error.Message, StringComparison.Ordinal);
        Assert.Contains("SegmentBytes must be between", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogShipperSink_ComponentSerilogEvents_LandInSystemAppWithTheirTag()
    {
        await using var host = await AggregatorHost.StartAsync(_temp.Path);
        await using var shipper = new LogShipper(new LogShipperOptions { Address = host.GrpcAddress, Token = AggregatorHost.Token });
        using (var logger = new LoggerConfiguration().WriteTo.Sink(new LogShipperSink(shipper, LogSourceTypes.Api, "scheduler")).CreateLogger())
        {
            logger.Information("App {App} scaled to {Instances} instances", "hello", 3);
            logger.Warning("Node {Node} lost", "node-2");
        }

        await shipper.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        using var channel = host.Channel();
        var records = await Ship.RecentAsync(channel, new LogQuery { App = LogSourceTypes.SystemApp, SourceTypes = { LogSourceTypes.Api } });
        Assert.Equal(["App hello scaled to 3 instances", "Node node-2 lost"], records.Select(r => r.Entry.Message));
        Assert.Equal("scheduler", records[0].Entry.SourceInstance);
        Assert.Equal("3", records[0].Entry.Fields["Instances"]);
        Assert.Equal(LogOutputStream.Err, records[1].Entry.Stream);
        Assert.Equal("Warning", records[1].Entry.Fields["level"]);
    }

    [Fact]
    public async Task Follow_WaitForApp_ReceivesTheFirstLineOfANewApp()
    {
        await using var host = await AggregatorHost.StartAsync(_temp.Path);
        using var channel = host.Channel();
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = channel.ServerStreaming(LogServiceMethods.Follow, new LogQuery { App = "newborn" });
            await foreach (var unused in call.ResponseStream)
            {
            }
        });
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);

        using var follow = channel.ServerStreaming(LogServiceMethods.Follow, new LogQuery { App = "newborn", WaitForApp = true });
        await using var lines = follow.ResponseStream.GetAsyncEnumerator();
        var next = lines.MoveNextAsync().AsTask();
        await Eventually.WaitAsync(
            async () =>
            {
                if (!next.IsCompleted)
                {
                    await Ship.EntriesAsync(channel, Ship.Entry("newborn", "first words", sourceType: LogSourceTypes.Staging));
                }

                return next.IsCompleted;
            },
            done => done,
            "the follower to see the app's first line");

        Assert.True(await next);
        Assert.Equal("first words", lines.Current.Entry.Message);
        Assert.Equal("STG", lines.Current.Entry.SourceType);
    }

    [Fact]
    public async Task Clef_OversizedMessageAndOversizedBody_TruncatedAnd413()
    {
        await using var host = await AggregatorHost.StartAsync(_temp.Path, new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:MaxLineBytes"] = "512",
            ["MiniPaas:LogAggregator:MaxClefRequestBytes"] = "4096",
        });
        using var http = new HttpClient { BaseAddress = host.HttpAddress };
        http.DefaultRequestHeaders.Add("X-Seq-ApiKey", AggregatorHost.Token);

        using var truncated = await http.PostAsync("/ingest/clef?app=big", new StringContent("{\"@m\":\"" + new string('m', 1000) + "\"}"));
        using var tooLarge = await http.PostAsync("/ingest/clef?app=big", new StringContent(string.Concat(Enumerable.Repeat("{\"@m\":\"" + new string('n', 100) + "\"}\n", 100)), Encoding.UTF8));

        Assert.Equal(HttpStatusCode.Created, truncated.StatusCode);
        Assert.Contains("\"Truncated\":1", await truncated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("MaxClefRequestBytes", await tooLarge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var channel = host.Channel();
        var stored = Assert.Single(await Ship.RecentAsync(channel, "big"));
        Assert.Equal(new string('m', 512) + " [truncated 488 bytes]", stored.Entry.Message);
    }
}
