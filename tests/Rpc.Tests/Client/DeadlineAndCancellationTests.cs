using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Client;

/// <summary>Deadlines and cancellation must reach the handler's token, not just the client.</summary>
public sealed class DeadlineAndCancellationTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private RpcChannel Channel => fixture.Channel;

    private CallProbe Probe => fixture.Server.Probe;

    [Fact]
    public async Task UnaryAsync_DeadlineExceeded_ClientGetsDeadlineExceededAndHandlerTokenFires()
    {
        var probeId = Guid.NewGuid().ToString();
        var options = new CallOptions { Deadline = DateTimeOffset.UtcNow.AddSeconds(1) };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { WaitForCancellation = true, ProbeId = probeId }, options));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("cancelled; deadline set: True", await Probe.WaitAsync(probeId));
    }

    [Fact]
    public async Task UnaryAsync_ChannelDefaultTimeout_SentAsGrpcTimeoutAndHandlerCancelled()
    {
        var probeId = Guid.NewGuid().ToString();

        // The channel's default timeout travels as grpc-timeout, so the handler sees a deadline.
        using var channel = fixture.Server.CreateChannel(new RpcChannelOptions { DefaultTimeout = TimeSpan.FromSeconds(1) });
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { WaitForCancellation = true, ProbeId = probeId }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Equal("cancelled; deadline set: True", await Probe.WaitAsync(probeId));
    }

    [Fact]
    public async Task UnaryAsync_DeadlineAlreadyPassed_DeadlineExceededBeforeSending()
    {
        var options = new CallOptions { Deadline = DateTimeOffset.UtcNow.AddSeconds(-1) };

        var error = await Assert.ThrowsAsync<RpcException>(() => Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest(), options));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("before the call started", error.Detail);
    }

    [Fact]
    public async Task ServerStreaming_ClientCancels_HandlerObservesCancellation()
    {
        var probeId = Guid.NewGuid().ToString();
        using var cancellation = new CancellationTokenSource();
        using var call = Channel.ServerStreaming(
            EchoMethods.ServerStream,
            new EchoRequest { ReplyCount = 1, WaitForCancellation = true, ProbeId = probeId },
            new CallOptions { CancellationToken = cancellation.Token });
        await using var responses = call.ResponseStream.GetAsyncEnumerator();

        // The first reply proves the handler is running and now waiting on its token.
        Assert.True(await responses.MoveNextAsync());
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await responses.MoveNextAsync());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal("cancelled; deadline set: False", await Probe.WaitAsync(probeId));
    }

    [Fact]
    public async Task Unary_DisposedBeforeCompletion_HandlerObservesCancellation()
    {
        var probeId = Guid.NewGuid().ToString();
        var call = Channel.Unary(EchoMethods.Unary, new EchoRequest { WaitForCancellation = true, ProbeId = probeId });
        await Probe.WaitUntilHandlerWaitsAsync(probeId);

        call.Dispose();

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.StartsWith("cancelled", await Probe.WaitAsync(probeId));
    }

    [Fact]
    public async Task DuplexStreaming_DisposedMidCall_HandlerObservesCancellation()
    {
        var probeId = Guid.NewGuid().ToString();
        var call = Channel.DuplexStreaming(EchoMethods.Duplex);
        await using var responses = call.ResponseStream.GetAsyncEnumerator();
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "first" });
        Assert.True(await responses.MoveNextAsync());
        await call.RequestStream.WriteAsync(new EchoRequest { WaitForCancellation = true, ProbeId = probeId });
        await Probe.WaitUntilHandlerWaitsAsync(probeId);

        call.Dispose();

        Assert.StartsWith("cancelled", await Probe.WaitAsync(probeId));
        await Assert.ThrowsAsync<RpcException>(async () => await responses.MoveNextAsync());
    }

    [Fact]
    public async Task UnaryAsync_AlreadyCancelledToken_CancelledStatus()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest(), new CallOptions { CancellationToken = cancellation.Token }));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }
}
