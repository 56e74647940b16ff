using Google.Protobuf;
using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Client;

/// <summary>Every call shape, C# client against C# server over real HTTP/2.</summary>
public sealed class CallShapeTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private RpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task UnaryAsync_EchoRequest_ReturnsReply()
    {
        var reply = await Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Text = "hello", ReplyPayloadSize = 10 });

        Assert.Equal("hello", reply.Text);
        Assert.Equal(10, reply.Payload.Length);
    }

    [Fact]
    public async Task Unary_CompletedCall_ExposesEmptyTrailers()
    {
        using var call = Channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "t" });

        var reply = await call;

        Assert.Equal("t", reply.Text);
        Assert.Empty(call.GetTrailers());
    }

    [Fact]
    public async Task ServerStreaming_FiveReplies_StreamsAllInOrder()
    {
        using var call = Channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { Text = "s", ReplyCount = 5 });

        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream)
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal([0, 1, 2, 3, 4], indexes);
        Assert.Empty(call.GetTrailers());
    }

    [Fact]
    public async Task ServerStreaming_ZeroReplies_CompletesWithoutMessages()
    {
        using var call = Channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { ReplyCount = 0 });

        var count = 0;
        await foreach (var unused in call.ResponseStream)
        {
            count++;
        }

        Assert.Equal(0, count);
        Assert.NotNull(call.GetTrailers());
    }

    [Fact]
    public async Task ClientStreaming_FourRequests_ServerSeesAll()
    {
        using var call = Channel.ClientStreaming(EchoMethods.ClientStream);
        for (var i = 0; i < 4; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"m{i}", Payload = ByteString.CopyFrom(new byte[i * 100]) });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call.ResponseAsync;

        Assert.Equal("m0,m1,m2,m3", reply.Text);
        Assert.Equal(4, reply.ReceivedCount);
        Assert.Equal(600, reply.ReceivedBytes);
    }

    [Fact]
    public async Task ClientStreaming_NoRequests_ServerSeesEmptyStream()
    {
        using var call = Channel.ClientStreaming(EchoMethods.ClientStream);

        await call.RequestStream.CompleteAsync();
        var reply = await call;

        Assert.Equal(0, reply.ReceivedCount);
    }

    [Fact]
    public async Task DuplexStreaming_Interleaved_EachRequestAnsweredBeforeTheNextIsSent()
    {
        using var call = Channel.DuplexStreaming(EchoMethods.Duplex);
        await using var responses = call.ResponseStream.GetAsyncEnumerator();

        // Waiting for each reply before sending the next request proves the streams really interleave.
        for (var i = 0; i < 3; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"d{i}" });
            Assert.True(await responses.MoveNextAsync().AsTask().WaitAsync(TestTimeouts.Condition));
            Assert.Equal($"d{i}", responses.Current.Text);
            Assert.Equal(i, responses.Current.Index);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await responses.MoveNextAsync());
        Assert.Empty(call.GetTrailers());
    }

    [Fact]
    public async Task UnaryAsync_ManyConcurrentCalls_AllSucceed()
    {
        var calls = Enumerable.Range(0, 50)
            .Select(i => Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        var replies = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 50).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), replies.Select(r => r.Text));
    }
}
