using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Server;

/// <summary>Request headers reach the handler; response headers and trailers reach the caller.</summary>
public sealed class MetadataRoundTripTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly byte[] BinaryValue = [0, 1, 2, 127, 128, 254, 255];

    [Fact]
    public async Task Unary_TextAndBinaryHeaders_EchoedAsResponseHeadersAndTrailers()
    {
        var headers = new Metadata()
            .Add("x-echo-text", "value with spaces")
            .Add("X-Echo-Upper", "lowered key")
            .Add("x-echo-data-bin", BinaryValue)
            .Add("x-not-echoed", "stays on the server");

        using var call = fixture.Channel.Unary(EchoMethods.Unary, new EchoRequest(), new CallOptions { Headers = headers });
        await call;
        var responseHeaders = await call.ResponseHeadersAsync;
        var trailers = call.GetTrailers();

        foreach (var received in new[] { responseHeaders, trailers })
        {
            Assert.Equal("value with spaces", received.GetValue("x-echo-text"));
            Assert.Equal("lowered key", received.GetValue("x-echo-upper"));
            Assert.Equal(BinaryValue, received.GetValueBytes("x-echo-data-bin"));
            Assert.Null(received.Get("x-not-echoed"));
        }
    }

    [Fact]
    public async Task Unary_RepeatedBinaryKey_AllValuesArriveInOrder()
    {
        // HTTP may join repeated fields with commas; binary values are split back apart.
        var headers = new Metadata().Add("x-echo-multi-bin", [1]).Add("x-echo-multi-bin", [2, 3]);

        using var call = fixture.Channel.Unary(EchoMethods.Unary, new EchoRequest(), new CallOptions { Headers = headers });
        await call;

        Assert.Equal([new byte[] { 1 }, new byte[] { 2, 3 }], call.GetTrailers().GetAll("x-echo-multi-bin").Select(e => e.ValueBytes));
    }

    [Fact]
    public async Task ServerStreaming_Headers_AvailableBeforeFirstMessage()
    {
        var headers = new Metadata().Add("x-echo-early", "yes");

        using var call = fixture.Channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { ReplyCount = 1 }, new CallOptions { Headers = headers });
        var responseHeaders = await call.ResponseHeadersAsync.WaitAsync(TestTimeouts.Condition);

        Assert.Equal("yes", responseHeaders.GetValue("x-echo-early"));
        await foreach (var unused in call.ResponseStream)
        {
        }

        Assert.Equal("yes", call.GetTrailers().GetValue("x-echo-early"));
    }
}
