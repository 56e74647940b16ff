using Google.Protobuf.WellKnownTypes;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.Rpc;

namespace MiniPaas.LogAggregator.Tests.EndToEnd;

/// <summary>Helpers that talk to a running aggregator over the real gRPC API.</summary>
internal static class Ship
{
    public static LogEntry Entry(string app, string message, string instance = "0", string sourceType = "APP", LogOutputStream stream = LogOutputStream.Out) => new()
    {
        App = app,
        SourceType = sourceType,
        SourceInstance = instance,
        Stream = stream,
        Timestamp = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
        Message = message,
    };

    /// <summary>One Ship stream carrying <paramref name="batches"/>, returning the reply.</summary>
    public static async Task<ShipReply> BatchesAsync(RpcChannel channel, params LogBatch[] batches)
    {
        using var call = channel.ClientStreaming(LogServiceMethods.Ship, new CallOptions { Deadline = DateTimeOffset.UtcNow.AddSeconds(30) });
        foreach (var batch in batches)
        {
            await call.RequestStream.WriteAsync(batch);
        }

        await call.RequestStream.CompleteAsync();
        return await call.ResponseAsync;
    }

    public static Task<ShipReply> EntriesAsync(RpcChannel channel, params LogEntry[] entries)
    {
        var batch = new LogBatch();
        batch.Entries.AddRange(entries);
        return BatchesAsync(channel, batch);
    }

    public static async Task<List<LogRecord>> RecentAsync(RpcChannel channel, LogQuery query)
    {
        var page = await channel.UnaryAsync(LogServiceMethods.Recent, query, new CallOptions { Deadline = DateTimeOffset.UtcNow.AddSeconds(30) });
        return page.Records.ToList();
    }

    public static Task<List<LogRecord>> RecentAsync(RpcChannel channel, string app, int limit = 1000) =>
        RecentAsync(channel, new LogQuery { App = app, Limit = limit });
}
