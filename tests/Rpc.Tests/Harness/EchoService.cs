using Google.Protobuf;
using MiniPaas.Rpc.Tests.Echo;

namespace MiniPaas.Rpc.Tests.Harness;

/// <summary>The C# implementation of the test Echo service; each request says how to behave.</summary>
internal sealed class EchoService(CallProbe probe)
{
    public const string CallerKey = "caller";
    public const string UnexpectedExceptionText = "secret internal detail";

    public async Task<EchoReply> Unary(EchoRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await BehaveAsync(request, context);
        return Reply(request, context, index: 0);
    }

    public async Task ServerStream(EchoRequest request, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        for (var i = 0; i < request.ReplyCount; i++)
        {
            await responses.WriteAsync(Reply(request, context, i));
        }

        await BehaveAsync(request, context);
    }

    public async Task<EchoReply> ClientStream(IAsyncStreamReader<EchoRequest> requests, ServerCallContext context)
    {
        var texts = new List<string>();
        long bytes = 0;
        var replySize = 0;
        await foreach (var request in requests)
        {
            texts.Add(request.Text);
            bytes += request.Payload.Length;
            replySize = request.ReplyPayloadSize;
            await BehaveAsync(request, context);
        }

        return new EchoReply
        {
            Text = string.Join(",", texts),
            ReceivedCount = texts.Count,
            ReceivedBytes = bytes,
            Payload = ByteString.CopyFrom(new byte[replySize]),
            Caller = CallerOf(context),
        };
    }

    public async Task Duplex(IAsyncStreamReader<EchoRequest> requests, IServerStreamWriter<EchoReply> responses, ServerCallContext context)
    {
        var index = 0;
        await foreach (var request in requests)
        {
            await BehaveAsync(request, context);
            await responses.WriteAsync(Reply(request, context, index++));
        }
    }

    private static EchoReply Reply(EchoRequest request, ServerCallContext context, int index) => new()
    {
        Text = request.Text,
        Index = index,
        Payload = ByteString.CopyFrom(new byte[request.ReplyPayloadSize]),
        ReceivedBytes = request.Payload.Length,
        Caller = CallerOf(context),
    };

    private static string CallerOf(ServerCallContext context) =>
        context.Items.TryGetValue(CallerKey, out var caller) ? caller as string ?? string.Empty : string.Empty;

    /// <summary>Sends every x-echo-* request header back as a response header and as a trailer.</summary>
    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var echoed = new Metadata();
        foreach (var entry in context.RequestHeaders.Where(e => e.Key.StartsWith("x-echo-", StringComparison.Ordinal)))
        {
            if (entry.IsBinary)
            {
                echoed.Add(entry.Key, entry.ValueBytes);
                context.ResponseTrailers.Add(entry.Key, entry.ValueBytes);
            }
            else
            {
                echoed.Add(entry.Key, entry.Value);
                context.ResponseTrailers.Add(entry.Key, entry.Value);
            }
        }

        if (echoed.Count > 0)
        {
            await context.WriteResponseHeadersAsync(echoed);
        }
    }

    private async Task BehaveAsync(EchoRequest request, ServerCallContext context)
    {
        if (request.WaitForCancellation)
        {
            probe.Report(CallProbe.WaitingKey(request.ProbeId), "waiting");
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                probe.Report(request.ProbeId, $"cancelled; deadline set: {context.Deadline is not null}");
                throw;
            }
        }

        if (request.DelayMs > 0)
        {
            await Task.Delay(request.DelayMs, context.CancellationToken);
        }

        if (request.ThrowUnexpected)
        {
            throw new InvalidOperationException(UnexpectedExceptionText);
        }

        if (request.FailCode != 0)
        {
            var trailers = new Metadata()
                .Add("x-fail-reason", "forced")
                .Add("x-fail-data-bin", [0, 1, 254, 255]);
            throw new RpcException((StatusCode)request.FailCode, request.FailDetail, trailers);
        }
    }
}
