using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Tests.Infrastructure;
using MiniPaas.Rpc;

namespace MiniPaas.LogAggregator.Tests.EndToEnd;

/// <summary>The aggregator in-process on real sockets, driven through its gRPC and HTTP APIs and the real shipper.</summary>
public sealed partial class LogServiceEndToEndTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private AggregatorHost _host = null!;
    private RpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _host = await AggregatorHost.StartAsync(_temp.Path, new Dictionary<string, string?>
        {
            ["MiniPaas:LogAggregator:MaxLineBytes"] = "1024",
            ["MiniPaas:LogAggregator:RateLimitLinesPerSecond"] = "200",
            ["MiniPaas:LogAggregator:DropReportInterval"] = "00:00:00.200",
        });
        _channel = _host.Channel();
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Ship_TwoInstancesThroughShippers_RecentReturnsEachInstancesLinesInOrderWithItsIndex()
    {
        await using var instance0 = new LogShipper(new LogShipperOptions { Address = _host.GrpcAddress, Token = AggregatorHost.Token, MaxBatchLines = 7 });
        await using var instance1 = new LogShipper(new LogShipperOptions { Address = _host.GrpcAddress, Token = AggregatorHost.Token, MaxBatchLines = 7 });
        for (var i = 0; i < 150; i++)
        {
            Assert.True(instance0.TryEnqueue("web", LogSourceTypes.App, "0", $"zero {i}"));
            Assert.True(instance1.TryEnqueue("web", LogSourceTypes.App, "1", $"one {i}", LogOutputStream.Err));
        }

        await instance0.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await instance1.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));

        var records = await Ship.RecentAsync(_channel, "web");
        Assert.Equal(300, records.Count);
        Assert.Equal(Enumerable.Range(0, 150).Select(i => $"zero {i}"), records.Where(r => r.Entry.SourceInstance == "0").Select(r => r.Entry.Message));
        Assert.Equal(Enumerable.Range(0, 150).Select(i => $"one {i}"), records.Where(r => r.Entry.SourceInstance == "1").Select(r => r.Entry.Message));
        Assert.Equal(records.Select(r => r.Sequence).Order(), records.Select(r => r.Sequence));
        Assert.All(records.Where(r => r.Entry.SourceInstance == "1"), r => Assert.Equal(LogOutputStream.Err, r.Entry.Stream));
        Assert.Matches(CfLine(), LogLineFormatter.Format(records[0]));
        Assert.Equal(300, instance0.GetStats().Acknowledged + instance1.GetStats().Acknowledged);
    }

    [Fact]
    public async Task Follow_NewLineShipped_ReachesTheFollowerAfterTheBacklog()
    {
        await Ship.EntriesAsync(_channel, Ship.Entry("live", "before 1"), Ship.Entry("live", "before 2"));
        using var follow = _channel.ServerStreaming(LogServiceMethods.Follow, new LogQuery { App = "live", Limit = 10 });
        await using var lines = follow.ResponseStream.GetAsyncEnumerator();

        Assert.True(await lines.MoveNextAsync());
        Assert.Equal("before 1", lines.Current.Entry.Message);
        Assert.True(await lines.MoveNextAsync());
        Assert.Equal("before 2", lines.Current.Entry.Message);

        var clock = Stopwatch.StartNew();
        await Ship.EntriesAsync(_channel, Ship.Entry("live", "fresh", instance: "3"));
        Assert.True(await lines.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        clock.Stop();

        Assert.Equal("fresh", lines.Current.Entry.Message);
        Assert.Equal("3", lines.Current.Entry.SourceInstance);
        Assert.Equal(3UL, lines.Current.Sequence);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"ship + follow round trip took {clock.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Follow_WithFilter_SendsOnlyMatchingLines()
    {
        await Ship.EntriesAsync(_channel, Ship.Entry("filtered", "start"));
        using var follow = _channel.ServerStreaming(LogServiceMethods.Follow, new LogQuery { App = "filtered", SourceInstance = "1", Text = "needle" });
        await using var lines = follow.ResponseStream.GetAsyncEnumerator();

        await Ship.EntriesAsync(
            _channel,
            Ship.Entry("filtered", "needle from 0", instance: "0"),
            Ship.Entry("filtered", "hay from 1", instance: "1"),
            Ship.Entry("filtered", "the NEEDLE from 1", instance: "1"));

        Assert.True(await lines.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("the NEEDLE from 1", lines.Current.Entry.Message);
    }

    [Fact]
    public async Task Clef_PostToSeqEndpoint_StoredAndQueryableByText()
    {
        using var http = new HttpClient { BaseAddress = _host.HttpAddress };
        using var content = new StringContent(
            """
            {"@t":"2026-11-22T01:02:03.000Z","@mt":"Checkout {OrderId} done","OrderId":1001,"Application":"shop"}
            {"@t":"2026-11-22T01:02:04.000Z","@m":"Payment failed","@l":"Error","Application":"shop","InstanceIndex":"1"}
            """,
            Encoding.UTF8,
            "application/vnd.serilog.clef");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events/raw?clef") { Content = content };
        request.Headers.Add("X-Seq-ApiKey", AggregatorHost.Token);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("\"MinimumLevelAccepted\":null", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var failed = await Ship.RecentAsync(_channel, new LogQuery { App = "shop", Text = "payment" });
        var record = Assert.Single(failed);
        Assert.Equal("1", record.Entry.SourceInstance);
        Assert.Equal(LogOutputStream.Err, record.Entry.Stream);
        Assert.Equal("Error", record.Entry.Fields["level"]);
        var all = await Ship.RecentAsync(_channel, "shop");
        Assert.Equal(["Checkout 1001 done", "Payment failed"], all.Select(r => r.Entry.Message));
    }

    [Fact]
    public async Task Clef_BatchWithOneInvalidLine_Returns400NamingTheLineAndStoresNothing()
    {
        using var http = new HttpClient { BaseAddress = _host.HttpAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AggregatorHost.Token);
        using var first = await http.PostAsync("/ingest/clef?app=shop2", new StringContent("{\"@m\":\"kept\"}"));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        using var bad = await http.PostAsync("/ingest/clef?app=shop2", new StringContent("{\"@m\":\"valid but in a bad batch\"}\n{\"@m\": nope}\n"));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("line 2", body, StringComparison.Ordinal);
        Assert.Contains("nothing of this request was stored", body, StringComparison.Ordinal);
        Assert.Equal(["kept"], (await Ship.RecentAsync(_channel, "shop2")).Select(r => r.Entry.Message));
    }

    [Fact]
    public async Task Clef_MissingOrWrongToken_Returns401()
    {
        using var http = new HttpClient { BaseAddress = _host.HttpAddress };
        using var missing = await http.PostAsync("/ingest/clef?app=shop3", new StringContent("{\"@m\":\"x\"}"));
        using var wrong = await http.PostAsync("/ingest/clef?app=shop3&apiKey=nope", new StringContent("{\"@m\":\"x\"}"));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("missing token", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var notFound = await Assert.ThrowsAsync<RpcException>(() => Ship.RecentAsync(_channel, "shop3"));
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
    }

    [Fact]
    public async Task Drain_ToLocalTcpListener_ReceivesRfc5424LinesInOrder()
    {
        await using var listener = new SyslogListener();
        await Ship.EntriesAsync(_channel, Ship.Entry("drained", "before the drain"));
        var drain = await _channel.UnaryAsync(LogServiceMethods.AddDrain, new AddDrainRequest { App = "drained", Url = $"syslog://127.0.0.1:{listener.Port}" });

        await Ship.EntriesAsync(
            _channel,
            Ship.Entry("drained", "first", instance: "0"),
            Ship.Entry("drained", "second", instance: "1", stream: LogOutputStream.Err),
            Ship.Entry("drained", "third", instance: "0"));

        var messages = await Eventually.WaitAsync(() => Task.FromResult(listener.Messages), m => m.Count >= 3, "three syslog messages");
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.Matches(Rfc5424(), m));
        Assert.EndsWith("drained drained [APP/0] - - first", messages[0], StringComparison.Ordinal);
        Assert.StartsWith("<11>1 ", messages[1], StringComparison.Ordinal);
        Assert.EndsWith("[APP/1] - - second", messages[1], StringComparison.Ordinal);
        Assert.EndsWith("- - third", messages[2], StringComparison.Ordinal);
        var listed = Assert.Single((await _channel.UnaryAsync(LogServiceMethods.ListDrains, new ListDrainsRequest { App = "drained" })).Drains);
        Assert.Equal(drain.Id, listed.Id);
        Assert.True(listed.Connected);
        Assert.Equal(3, listed.Sent);

        var removed = await _channel.UnaryAsync(LogServiceMethods.RemoveDrain, new RemoveDrainRequest { App = "drained", Drain = drain.Url });
        Assert.Equal(drain.Id, removed.Removed.Id);
        Assert.Empty((await _channel.UnaryAsync(LogServiceMethods.ListDrains, new ListDrainsRequest())).Drains);
    }

    [Fact]
    public async Task AddDrain_BadUrlOrUnknownApp_FailsWithClearStatus()
    {
        await Ship.EntriesAsync(_channel, Ship.Entry("drainable", "x"));

        var badScheme = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(LogServiceMethods.AddDrain, new AddDrainRequest { App = "drainable", Url = "https://example.invalid:443" }));
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(LogServiceMethods.AddDrain, new AddDrainRequest { App = "nobody", Url = "syslog://127.0.0.1:5514" }));

        Assert.Equal(StatusCode.InvalidArgument, badScheme.StatusCode);
        Assert.Contains("syslog://HOST:PORT", badScheme.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("'nobody'", unknown.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ship_NoisyInstance_RateLimitedDropsCountedInReplyAndReportedAsLogLine()
    {
        var batch = new LogBatch();
        batch.Entries.AddRange(Enumerable.Range(0, 1000).Select(i => Ship.Entry("noisy", $"spam {i}", instance: "4")));
        batch.Entries.Add(Ship.Entry("noisy", "quiet instance", instance: "5"));

        var reply = await Ship.BatchesAsync(_channel, batch);

        Assert.True(reply.RateLimited >= 700, $"expected most of 1000 lines over a 200 lines/s limit dropped, got {reply.RateLimited}");
        Assert.Equal(1001, reply.Accepted + reply.RateLimited);
        var report = await Eventually.WaitAsync(
            () => Ship.RecentAsync(_channel, new LogQuery { App = "noisy", SourceTypes = { LogSourceTypes.Aggregator } }),
            records => records.Count > 0,
            "a rate-limit report line");
        Assert.Contains($"APP/4: {reply.RateLimited} lines dropped", report[0].Entry.Message, StringComparison.Ordinal);
        var quiet = await Ship.RecentAsync(_channel, new LogQuery { App = "noisy", SourceInstance = "5" });
        Assert.Equal("quiet instance", Assert.Single(quiet).Entry.Message);
    }

    [Fact]
    public async Task Ship_OversizedAndInvalidEntries_TruncatesOrRejectsThemAndStoresTheRest()
    {
        var reply = await Ship.EntriesAsync(
            _channel,
            Ship.Entry("mixed", new string('x', 5000)),
            Ship.Entry("mixed", "bad source", sourceType: "XYZ"),
            Ship.Entry("Not An App", "bad app"),
            Ship.Entry("mixed", "fine"));

        Assert.Equal(2, reply.Accepted);
        Assert.Equal(1, reply.Truncated);
        Assert.Equal(2, reply.Rejected);
        Assert.Contains("source_type 'XYZ' is not one of APP, RTR, API, CELL, STG, LGR", reply.FirstRejection, StringComparison.Ordinal);
        var stored = await Ship.RecentAsync(_channel, "mixed");
        Assert.Equal(2, stored.Count);
        Assert.Equal(new string('x', 1024) + " [truncated 3976 bytes]", stored[0].Entry.Message);
        Assert.Equal("fine", stored[1].Entry.Message);
    }

    [Fact]
    public async Task Ship_SameBatchResent_IsStoredOnce()
    {
        var batch = new LogBatch { ShipperId = "shipper-a", BatchSequence = 1 };
        batch.Entries.Add(Ship.Entry("dedupe", "only once"));

        await Ship.BatchesAsync(_channel, batch);
        var again = await Ship.BatchesAsync(_channel, batch);

        Assert.Equal(1, again.DuplicateBatches);
        Assert.Equal(1UL, again.LastBatchSequence);
        Assert.Single(await Ship.RecentAsync(_channel, "dedupe"));
    }

    [Fact]
    public async Task Recent_UnknownApp_NotFoundNamingTheApp()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Ship.RecentAsync(_channel, "ghost"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("app 'ghost' has no logs: no line was ever stored for it", error.Detail);
    }

    [Fact]
    public async Task Recent_BadQuery_InvalidArgumentNamingTheField()
    {
        await Ship.EntriesAsync(_channel, Ship.Entry("queried", "x"));

        var badType = await Assert.ThrowsAsync<RpcException>(() => Ship.RecentAsync(_channel, new LogQuery { App = "queried", SourceTypes = { "FOO" } }));
        var badName = await Assert.ThrowsAsync<RpcException>(() => Ship.RecentAsync(_channel, "../etc"));

        Assert.Equal(StatusCode.InvalidArgument, badType.StatusCode);
        Assert.Contains("'FOO'", badType.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, badName.StatusCode);
    }

    [Fact]
    public async Task Calls_MissingOrWrongToken_Unauthenticated()
    {
        using var anonymous = _host.Channel(token: null);
        using var wrong = _host.Channel(token: "not-the-token");

        var missing = await Assert.ThrowsAsync<RpcException>(() => Ship.RecentAsync(anonymous, "any"));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => Ship.EntriesAsync(wrong, Ship.Entry("any", "x")));

        Assert.Equal(StatusCode.Unauthenticated, missing.StatusCode);
        Assert.Contains("missing token", missing.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.Unauthenticated, invalid.StatusCode);
        Assert.Equal("invalid token", invalid.Detail);
    }

    [Fact]
    public async Task SystemApp_HoldsTheAggregatorsOwnLogs()
    {
        var records = await Eventually.WaitAsync(
            async () =>
            {
                try
                {
                    return await Ship.RecentAsync(_channel, new LogQuery { App = LogSourceTypes.SystemApp, Text = "Log aggregator listening" });
                }
                catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
                {
                    return [];
                }
            },
            r => r.Count > 0,
            "the aggregator's startup line in the system app");

        Assert.Equal(LogSourceTypes.Aggregator, records[0].Entry.SourceType);
        Assert.Equal("aggregator", records[0].Entry.SourceInstance);
        Assert.Equal("Information", records[0].Entry.Fields["level"]);
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\+0000 \[APP/[01]\] (OUT|ERR) (zero|one) \d+$")]
    private static partial Regex CfLine();

    [GeneratedRegex(@"^<\d{1,3}>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [!-~]+ [!-~]+ \[[A-Z]+/\d+\] - - ")]
    private static partial Regex Rfc5424();
}
