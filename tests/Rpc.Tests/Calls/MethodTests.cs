using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Calls;

public sealed class MethodTests
{
    [Theory]
    [InlineData("Unary", MethodType.Unary)]
    [InlineData("ServerStream", MethodType.ServerStreaming)]
    [InlineData("ClientStream", MethodType.ClientStreaming)]
    [InlineData("Duplex", MethodType.DuplexStreaming)]
    public void From_Descriptor_TakesTypeAndPath(string name, MethodType expected)
    {
        var method = Method<EchoRequest, EchoReply>.From(EchoMethods.Service, name);

        Assert.Equal(expected, method.Type);
        Assert.Equal($"/minipaas.test.v1.Echo/{name}", method.FullName);
    }

    [Fact]
    public void From_UnknownName_ThrowsListingTheMethods()
    {
        var error = Assert.Throws<ArgumentException>(() => Method<EchoRequest, EchoReply>.From(EchoMethods.Service, "Nope"));

        Assert.Contains("Nope", error.Message);
        Assert.Contains("Unary, ServerStream, ClientStream, Duplex", error.Message);
    }

    [Fact]
    public void From_SwappedMessageTypes_ThrowsNamingTheMismatch()
    {
        var error = Assert.Throws<ArgumentException>(() => Method<EchoReply, EchoReply>.From(EchoMethods.Service, "Unary"));

        Assert.Contains("request message 'minipaas.test.v1.EchoRequest'", error.Message);
        Assert.Contains(typeof(EchoReply).FullName!, error.Message);
    }

    [Fact]
    public async Task UnaryAsync_StreamingMethod_ThrowsNamingTheShape()
    {
        using var channel = new RpcChannel(new Uri("http://127.0.0.1:1"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => channel.UnaryAsync(EchoMethods.Duplex, new EchoRequest()));

        Assert.Contains("DuplexStreaming", error.Message);
    }

    [Fact]
    public void RpcChannel_NonHttpAddress_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new RpcChannel(new Uri("ftp://example/")));

        Assert.Contains("ftp://example/", error.Message);
    }
}
