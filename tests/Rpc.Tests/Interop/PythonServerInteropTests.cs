using Google.Protobuf;
using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Interop;

/// <summary>python3-grpcio as the server (a child process), our channel as the client.</summary>
[Collection(PythonInteropCollection.Name)]
public sealed class PythonServerInteropTests(PythonGrpcFixture python) : IAsyncLifetime
{
    private PythonEchoServer _server = null!;
    private RpcChannel _channel = null!;

    public async Task InitializeAsync()
    {
        _server = await python.StartServerAsync();
        _channel = new RpcChannel(_server.Address);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Unary_PythonServer_ReplyHeadersAndTrailers()
    {
        var headers = new Metadata().Add("x-echo-text", "from c#").Add("x-echo-data-bin", [9, 8, 7]);

        using var call = _channel.Unary(EchoMethods.Unary, new EchoRequest { Text = "hi", ReplyPayloadSize = 5 }, new CallOptions { Headers = headers });
        var reply = await call;
        var responseHeaders = await call.ResponseHeadersAsync;

        Assert.Equal("hi", reply.Text);
        Assert.Equal(5, reply.Payload.Length);
        Assert.Equal("from c#", responseHeaders.GetValue("x-echo-text"));
        Assert.Equal(new byte[] { 9, 8, 7 }, call.GetTrailers().GetValueBytes("x-echo-data-bin"));
    }

    [Fact]
    public async Task ServerStreaming_PythonServer_AllRepliesInOrder()
    {
        using var call = _channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { ReplyCount = 4 });

        var indexes = new List<int>();
        await foreach (var reply in call.ResponseStream)
        {
            indexes.Add(reply.Index);
        }

        Assert.Equal([0, 1, 2, 3], indexes);
    }

    [Fact]
    public async Task ClientStreaming_PythonServer_SeesEveryRequest()
    {
        using var call = _channel.ClientStreaming(EchoMethods.ClientStream);
        foreach (var text in new[] { "x", "y", "z" })
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = text, Payload = ByteString.CopyFrom(new byte[10]) });
        }

        await call.RequestStream.CompleteAsync();
        var reply = await call;

        Assert.Equal("x,y,z", reply.Text);
        Assert.Equal(3, reply.ReceivedCount);
        Assert.Equal(30, reply.ReceivedBytes);
    }

    [Fact]
    public async Task DuplexStreaming_PythonServer_Interleaved()
    {
        using var call = _channel.DuplexStreaming(EchoMethods.Duplex);
        await using var responses = call.ResponseStream.GetAsyncEnumerator();

        for (var i = 0; i < 3; i++)
        {
            await call.RequestStream.WriteAsync(new EchoRequest { Text = $"p{i}" });
            Assert.True(await responses.MoveNextAsync().AsTask().WaitAsync(TestTimeouts.Condition));
            Assert.Equal($"p{i}", responses.Current.Text);
        }

        await call.RequestStream.CompleteAsync();
        Assert.False(await responses.MoveNextAsync());
    }

    [Fact]
    public async Task UnaryAsync_PythonServerAborts_StatusDetailAndTrailers()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoMethods.Unary, new EchoRequest
        {
            FailCode = (int)StatusCode.PermissionDenied,
            FailDetail = "not yours: ünïcode 100%",
        }));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("not yours: ünïcode 100%", error.Detail);
        Assert.Equal("forced-by-python", error.Trailers.GetValue("x-fail-reason"));
    }

    [Fact]
    public async Task ServerStreaming_PythonServerFailsAfterReplies_RepliesThenStatus()
    {
        using var call = _channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest
        {
            ReplyCount = 2,
            FailCode = (int)StatusCode.ResourceExhausted,
            FailDetail = "quota",
        });

        var count = 0;
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var unused in call.ResponseStream)
            {
                count++;
            }
        });

        Assert.Equal(2, count);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_PythonServerSlowerThanDeadline_DeadlineExceeded()
    {
        var options = new CallOptions { Deadline = DateTimeOffset.UtcNow.AddMilliseconds(300) };

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { DelayMs = 20_000 }, options));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_PythonServerUnknownMethod_Unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(EchoMethods.MissingMethod, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }
}
