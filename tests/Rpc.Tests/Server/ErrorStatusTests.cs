using System.Net;
using System.Net.Sockets;
using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Server;

/// <summary>How failures on the server become statuses on the client.</summary>
public sealed class ErrorStatusTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private RpcChannel Channel => fixture.Channel;

    [Fact]
    public async Task UnaryAsync_HandlerThrowsRpcException_StatusDetailAndTrailersRoundTrip()
    {
        const string detail = "no such app: ünïcode, 100% sure\nsecond line";

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { FailCode = (int)StatusCode.NotFound, FailDetail = detail }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal(detail, error.Detail);
        Assert.Equal("forced", error.Trailers.GetValue("x-fail-reason"));
        Assert.Equal(new byte[] { 0, 1, 254, 255 }, error.Trailers.GetValueBytes("x-fail-data-bin"));
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.AlreadyExists)]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.Unavailable)]
    public async Task UnaryAsync_HandlerFailsWithCode_ClientSeesSameCode(StatusCode code)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { FailCode = (int)code, FailDetail = code.ToString() }));

        Assert.Equal(code, error.StatusCode);
        Assert.Equal(code.ToString(), error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_HandlerThrowsUnexpectedException_UnknownWithGenericDetailAndLogged()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { ThrowUnexpected = true }));

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.DoesNotContain(EchoService.UnexpectedExceptionText, error.Detail);
        Assert.Contains(fixture.Server.Logs.Entries, entry =>
            entry.EventId.Id == RpcLogEvents.HandlerFailed
            && entry.Exception is InvalidOperationException { Message: EchoService.UnexpectedExceptionText }
            && entry.Message.Contains("/minipaas.test.v1.Echo/Unary"));
    }

    [Fact]
    public async Task ServerStreaming_FailsAfterMessages_MessagesArriveThenStatus()
    {
        using var call = Channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest
        {
            ReplyCount = 3,
            FailCode = (int)StatusCode.Aborted,
            FailDetail = "conflict",
        });

        var received = new List<int>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reply in call.ResponseStream)
            {
                received.Add(reply.Index);
            }
        });

        Assert.Equal([0, 1, 2], received);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("conflict", error.Detail);
        Assert.Equal("forced", call.GetTrailers().GetValue("x-fail-reason"));
    }

    [Fact]
    public async Task ClientStreaming_HandlerFailsMidStream_ResponseCarriesStatus()
    {
        using var call = Channel.ClientStreaming(EchoMethods.ClientStream);
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "ok" });
        await call.RequestStream.WriteAsync(new EchoRequest { FailCode = (int)StatusCode.OutOfRange, FailDetail = "too far" });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestTimeouts.Condition));

        Assert.Equal(StatusCode.OutOfRange, error.StatusCode);
        Assert.Equal("too far", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_UnknownMethodOfMappedService_Unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.MissingMethod, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("/minipaas.test.v1.Echo/Missing", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_UnmappedService_Unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync(EchoMethods.UnservedCall, new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("minipaas.test.v1.Unserved", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_ServerUnreachable_UnavailableNamingTheAddress()
    {
        // A port that was just free and has no listener: connecting is refused.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        socket.Close();
        var address = new Uri($"http://127.0.0.1:{port}");
        using var channel = new RpcChannel(address);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains($"127.0.0.1:{port}", error.Detail);
    }

    [Fact]
    public async Task ServerStreaming_ServerUnreachable_UnavailableFromStream()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)socket.LocalEndPoint!).Port;
        socket.Close();
        using var channel = new RpcChannel(new Uri($"http://127.0.0.1:{port}"));
        using var call = channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { ReplyCount = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var unused in call.ResponseStream)
            {
            }
        });

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }
}
