using System.Diagnostics;
using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Server;

/// <summary>A long-lived stream must not hold a server's graceful shutdown until its timeout.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task ServerStreaming_ServerStops_HandlerCancelledAndClientGetsUnavailable()
    {
        var server = await RpcTestServer.StartAsync();
        var probeId = Guid.NewGuid().ToString();
        using var channel = server.CreateChannel();
        using var call = channel.ServerStreaming(
            EchoMethods.ServerStream,
            new EchoRequest { ReplyCount = 1, WaitForCancellation = true, ProbeId = probeId });
        await using var responses = call.ResponseStream.GetAsyncEnumerator();
        Assert.True(await responses.MoveNextAsync());

        // The host's default shutdown timeout is 30 s; a stream that ignored shutdown would take all of it.
        var stopping = Stopwatch.StartNew();
        await server.DisposeAsync();
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"shutdown took {stopping.Elapsed}");

        var error = await Assert.ThrowsAsync<RpcException>(async () => await responses.MoveNextAsync());
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("cancelled; deadline set: False", await server.Probe.WaitAsync(probeId));
    }
}
