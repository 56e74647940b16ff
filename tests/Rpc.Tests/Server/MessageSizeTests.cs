using Google.Protobuf;
using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Server;

/// <summary>A server limited to 64 KiB messages each way.</summary>
public sealed class SmallMessageServerFixture : IAsyncLifetime
{
    public const int Limit = 64 * 1024;

    internal RpcTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RpcTestServer.StartAsync(options =>
    {
        options.MaxReceiveMessageSize = Limit;
        options.MaxSendMessageSize = Limit;
    });

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

public sealed class MessageSizeTests(SmallMessageServerFixture fixture) : IClassFixture<SmallMessageServerFixture>
{
    private const int Limit = SmallMessageServerFixture.Limit;

    [Fact]
    public async Task UnaryAsync_RequestOverServerLimit_ResourceExhausted()
    {
        using var channel = fixture.Server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Payload = ByteString.CopyFrom(new byte[Limit * 2]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains($"{Limit} bytes", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_RequestJustUnderServerLimit_Succeeds()
    {
        using var channel = fixture.Server.CreateChannel();

        var reply = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Payload = ByteString.CopyFrom(new byte[Limit - 16]) });

        Assert.Equal(Limit - 16, reply.ReceivedBytes);
    }

    [Fact]
    public async Task UnaryAsync_ResponseOverServerSendLimit_ResourceExhausted()
    {
        using var channel = fixture.Server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { ReplyPayloadSize = Limit * 2 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_ResponseOverClientReceiveLimit_ResourceExhausted()
    {
        using var channel = fixture.Server.CreateChannel(new RpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { ReplyPayloadSize = 4096 }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("1024 bytes", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_RequestOverClientSendLimit_ResourceExhaustedWithoutSending()
    {
        using var channel = fixture.Server.CreateChannel(new RpcChannelOptions { MaxSendMessageSize = 100 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Payload = ByteString.CopyFrom(new byte[200]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("100 bytes", error.Detail);
    }

    [Fact]
    public async Task ClientStreaming_OneRequestOverServerLimit_ResourceExhausted()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = channel.ClientStreaming(EchoMethods.ClientStream);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "small" });
        try
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Payload = ByteString.CopyFrom(new byte[Limit * 2]) });
            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // The server may end the call while the large message is still being sent.
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestTimeouts.Condition));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_OneMebibyteUnderDefaultLimits_RoundTrips()
    {
        await using var server = await RpcTestServer.StartAsync();
        using var channel = server.CreateChannel();

        var reply = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest
        {
            Payload = ByteString.CopyFrom(new byte[1024 * 1024]),
            ReplyPayloadSize = 3 * 1024 * 1024,
        });

        Assert.Equal(1024 * 1024, reply.ReceivedBytes);
        Assert.Equal(3 * 1024 * 1024, reply.Payload.Length);
    }
}
