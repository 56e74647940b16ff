using System.Net;
using Google.Protobuf;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Protocol;

/// <summary>The server's answers to requests that break the gRPC protocol, seen on the wire.</summary>
public sealed class ServerProtocolTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly byte[] EmptyRequestFrame = RawHttp.Frame(new EchoRequest { Text = "raw" }.ToByteArray());

    [Fact]
    public async Task Post_ValidFrame_OkStatusInTrailersAndFramedReply()
    {
        using var client = RawHttp.CreateHttp2Client();
        using var response = await client.SendAsync(RawHttp.GrpcPost(fixture.Server.Address, "/minipaas.test.v1.Echo/Unary", EmptyRequestFrame));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, body[0]);
        Assert.Equal("raw", EchoReply.Parser.ParseFrom(body.AsSpan(5)).Text);
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task Post_WrongContentType_Http415()
    {
        using var client = RawHttp.CreateHttp2Client();
        using var response = await client.SendAsync(RawHttp.GrpcPost(fixture.Server.Address, "/minipaas.test.v1.Echo/Unary", EmptyRequestFrame, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_GrpcJsonContentType_Http415()
    {
        using var client = RawHttp.CreateHttp2Client();
        using var response = await client.SendAsync(RawHttp.GrpcPost(fixture.Server.Address, "/minipaas.test.v1.Echo/Unary", EmptyRequestFrame, "application/grpc+json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_CompressedFlagSet_InternalNamingCompression()
    {
        using var client = RawHttp.CreateHttp2Client();
        var frame = RawHttp.Frame(new EchoRequest { Text = "x" }.ToByteArray(), compressedFlag: 1);
        using var response = await client.SendAsync(RawHttp.GrpcPost(fixture.Server.Address, "/minipaas.test.v1.Echo/Unary", frame));

        var (status, message) = await RawHttp.ReadStatusAsync(response);

        Assert.Equal(((int)StatusCode.Internal).ToString(), status);
        Assert.Contains("compressed", message);
    }

    [Fact]
    public async Task Post_UnsupportedGrpcEncoding_UnimplementedAndAcceptEncodingIdentity()
    {
        using var client = RawHttp.CreateHttp2Client();
        var request = RawHttp.GrpcPost(fixture.Server.Address, "/minipaas.test.v1.Echo/Unary", EmptyRequestFrame);
        request.Headers.Add("grpc-encoding", "gzip");
        using var response = await client.SendAsync(request);

        var (status, message) = await RawHttp.ReadStatusAsync(response);

        Assert.Equal(((int)StatusCode.Unimplemented).ToString(), status);
        Assert.Contains("gzip", message);
        Assert.Equal("identity", response.Headers.GetValues("grpc-accept-encoding").Single());
    }

    [Fact]
    public async Task Post_InvalidGrpcTimeout_InternalNamingTheHeader()
    {
        using var client = RawHttp.CreateHttp2Client();
        var request = RawHttp.GrpcPost(fixture.Server.Address, "/minipaas.test.v1.Echo/Unary", EmptyRequestFrame);
        request.Headers.TryAddWithoutValidation("grpc-timeout", "5 seconds");
        using var response = await client.SendAsync(request);

        var (status, message) = await RawHttp.ReadStatusAsync(response);

        Assert.Equal(((int)StatusCode.Internal).ToString(), status);
        Assert.Contains("grpc-timeout", message);
    }

    [Fact]
    public async Task Post_TruncatedFrame_InternalNamingIncompleteMessage()
    {
        using var client = RawHttp.CreateHttp2Client();
        using var response = await client.SendAsync(RawHttp.GrpcPost(fixture.Server.Address, "/minipaas.test.v1.Echo/Unary", EmptyRequestFrame[..^1]));

        var (status, message) = await RawHttp.ReadStatusAsync(response);

        Assert.Equal(((int)StatusCode.Internal).ToString(), status);
        Assert.Contains("Incomplete message", message);
    }

    [Fact]
    public async Task Post_TwoMessagesToUnaryMethod_Internal()
    {
        using var client = RawHttp.CreateHttp2Client();
        using var response = await client.SendAsync(RawHttp.GrpcPost(fixture.Server.Address, "/minipaas.test.v1.Echo/Unary", [.. EmptyRequestFrame, .. EmptyRequestFrame]));

        var (status, _) = await RawHttp.ReadStatusAsync(response);

        Assert.Equal(((int)StatusCode.Internal).ToString(), status);
    }

    [Fact]
    public async Task Post_NonGrpcRequestToUnknownPath_NotCapturedByUnimplementedEndpoint()
    {
        using var client = RawHttp.CreateHttp2Client();
        using var response = await client.SendAsync(RawHttp.GrpcPost(fixture.Server.Address, "/some/page", [], "text/plain"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Post_Http11Endpoint_Http426ExplainingHttp2IsRequired()
    {
        await using var server = await RpcTestServer.StartAsync(protocols: HttpProtocols.Http1);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        using var content = new ByteArrayContent(EmptyRequestFrame) { Headers = { ContentType = new("application/grpc") } };

        using var response = await client.PostAsync(new Uri(server.Address, "/minipaas.test.v1.Echo/Unary"), content);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
        Assert.Contains("HTTP/2", body);
        Assert.Contains("HTTP/1.1", body);
        Assert.Equal(((int)StatusCode.Internal).ToString(), response.Headers.GetValues("grpc-status").Single());
    }
}
