using System.Diagnostics;
using System.Globalization;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Bench;
using MiniPaas.Rpc;

// End-to-end numbers for docs: everything in one process on loopback, as on a 2-core machine.
//   dotnet run -c Release --project bench/LogAggregator.Bench [-- --lines 1000000]
var totalLines = ArgValue("--lines", 1_000_000);
var latencySamples = ArgValue("--samples", 2000);
Console.WriteLine($"cores: {Environment.ProcessorCount}, runtime: {Environment.Version}");

await using var host = await BenchHost.StartAsync();
using var channel = new RpcChannel(host.GrpcAddress, new RpcChannelOptions { BearerToken = BenchHost.Token });

await Warmup(channel);
var shipperRate = await IngestThroughShippers(host, totalLines, shippers: 4);
var rawRate = await IngestRawStreams(channel, totalLines, streams: 2, batchLines: 1000);
var idle = await FollowLatency(host, channel, latencySamples, background: false);
var loaded = await FollowLatency(host, channel, latencySamples, background: true);

Console.WriteLine();
Console.WriteLine("| measurement | result |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| ingest via 4 LogShippers (~100 B lines, batching, acks) | {shipperRate:N0} lines/s |");
Console.WriteLine($"| ingest via 2 raw Ship streams (1000-line batches) | {rawRate:N0} lines/s |");
Console.WriteLine($"| follow latency, idle (p50 / p99 / max) | {idle} |");
Console.WriteLine($"| follow latency, during ~50k lines/s ingest of another app (p50 / p99 / max) | {loaded} |");

int ArgValue(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Message(int i) => "GET /api/v1/orders/" + i.ToString("D8", CultureInfo.InvariantCulture) + " 200 12ms user-agent=bench/1.0 request-id=0123456789abcdef";

static async Task Warmup(RpcChannel channel)
{
    for (var round = 0; round < 20; round++)
    {
        var batch = new LogBatch();
        for (var i = 0; i < 1000; i++)
        {
            batch.Entries.Add(new LogEntry { App = "warmup", SourceType = "APP", SourceInstance = "0", Message = Message(i) });
        }

        using var call = channel.ClientStreaming(LogServiceMethods.Ship);
        await call.RequestStream.WriteAsync(batch);
        await call.RequestStream.CompleteAsync();
        await call.ResponseAsync;
    }
}

static async Task<double> IngestThroughShippers(BenchHost host, int totalLines, int shippers)
{
    var perShipper = totalLines / shippers;
    var instances = Enumerable.Range(0, shippers)
        .Select(_ => new LogShipper(new LogShipperOptions { Address = host.GrpcAddress, Token = BenchHost.Token, BufferCapacity = 100_000, MaxBatchLines = 1000 }))
        .ToList();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(instances.Select((shipper, index) => Task.Run(async () =>
    {
        var instance = index.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < perShipper; i++)
        {
            var entry = new LogEntry { App = "ingest", SourceType = "APP", SourceInstance = instance, Message = Message(i) };

            // The bench wants every line stored, so it waits for room instead of letting the shipper drop.
            while (!shipper.TryEnqueue(entry))
            {
                await Task.Delay(1);
            }
        }

        await shipper.FlushAsync();
    })));
    clock.Stop();
    var stats = instances.Select(s => s.GetStats()).ToList();
    var acknowledged = stats.Sum(s => s.Acknowledged);
    var dropped = stats.Sum(s => s.DroppedBufferFull);
    foreach (var shipper in instances)
    {
        await shipper.DisposeAsync();
    }

    Console.WriteLine($"shippers: {acknowledged:N0} lines acknowledged in {clock.Elapsed.TotalSeconds:0.00} s ({dropped} dropped attempts retried)");
    return acknowledged / clock.Elapsed.TotalSeconds;
}

static async Task<double> IngestRawStreams(RpcChannel channel, int totalLines, int streams, int batchLines)
{
    var batchesPerStream = totalLines / streams / batchLines;
    var prepared = Enumerable.Range(0, streams).Select(stream => Enumerable.Range(0, batchesPerStream).Select(b =>
    {
        var batch = new LogBatch();
        for (var i = 0; i < batchLines; i++)
        {
            batch.Entries.Add(new LogEntry { App = "raw", SourceType = "APP", SourceInstance = stream.ToString(CultureInfo.InvariantCulture), Message = Message((b * batchLines) + i) });
        }

        return batch;
    }).ToList()).ToList();
    var clock = Stopwatch.StartNew();
    var replies = await Task.WhenAll(prepared.Select(async batches =>
    {
        using var call = channel.ClientStreaming(LogServiceMethods.Ship);
        foreach (var batch in batches)
        {
            await call.RequestStream.WriteAsync(batch);
        }

        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }));
    clock.Stop();
    var accepted = replies.Sum(r => r.Accepted);
    Console.WriteLine($"raw streams: {accepted:N0} lines acknowledged in {clock.Elapsed.TotalSeconds:0.00} s");
    return accepted / clock.Elapsed.TotalSeconds;
}

static async Task<string> FollowLatency(BenchHost host, RpcChannel channel, int samples, bool background)
{
    var app = background ? "latency-loaded" : "latency-idle";
    var seed = new LogBatch();
    seed.Entries.Add(new LogEntry { App = app, SourceType = "APP", SourceInstance = "0", Message = "seed" });
    using (var seedCall = channel.ClientStreaming(LogServiceMethods.Ship))
    {
        await seedCall.RequestStream.WriteAsync(seed);
        await seedCall.RequestStream.CompleteAsync();
        await seedCall.ResponseAsync;
    }

    using var stopLoad = new CancellationTokenSource();
    var load = background ? Task.Run(() => BackgroundLoad(host, stopLoad.Token)) : Task.CompletedTask;
    await using var shipper = new LogShipper(new LogShipperOptions { Address = host.GrpcAddress, Token = BenchHost.Token });
    using var follow = channel.ServerStreaming(LogServiceMethods.Follow, new LogQuery { App = app, Limit = 1 });
    await using var lines = follow.ResponseStream.GetAsyncEnumerator();
    await lines.MoveNextAsync();

    var latencies = new List<double>(samples);
    for (var i = 0; i < samples; i++)
    {
        var sent = Stopwatch.GetTimestamp();
        shipper.TryEnqueue(app, "APP", "0", sent.ToString(CultureInfo.InvariantCulture));
        if (!await lines.MoveNextAsync())
        {
            throw new InvalidOperationException("the follow stream ended");
        }

        latencies.Add(Stopwatch.GetElapsedTime(long.Parse(lines.Current.Entry.Message, CultureInfo.InvariantCulture)).TotalMilliseconds);
        await Task.Delay(2);
    }

    await stopLoad.CancelAsync();
    await load;
    latencies.Sort();
    string P(double q) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(q * latencies.Count) - 1)].ToString("0.00", CultureInfo.InvariantCulture) + " ms";
    var result = $"{P(0.50)} / {P(0.99)} / {latencies[^1].ToString("0.00", CultureInfo.InvariantCulture)} ms ({samples} lines)";
    Console.WriteLine($"follow latency ({(background ? "loaded" : "idle")}): {result}");
    return result;
}

static async Task BackgroundLoad(BenchHost host, CancellationToken stop)
{
    // About 50,000 lines/s: half the ingest target, leaving CPU for the measured path.
    await using var shipper = new LogShipper(new LogShipperOptions { Address = host.GrpcAddress, Token = BenchHost.Token, BufferCapacity = 100_000 });
    var i = 0;
    var clock = Stopwatch.StartNew();
    while (!stop.IsCancellationRequested)
    {
        var due = (int)(clock.Elapsed.TotalSeconds * 50_000);
        for (; i < due; i++)
        {
            shipper.TryEnqueue("background", "APP", "0", Message(i));
        }

        try
        {
            await Task.Delay(5, stop);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
