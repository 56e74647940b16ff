using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniPaas.Rpc.Tests.Echo;

namespace MiniPaas.Rpc.Tests.Client;

/// <summary>
/// An HTTP/2 server that answers gRPC paths the way broken servers and proxies do, one way per
/// method name, to check what status the client reports for each.
/// </summary>
public sealed class MisbehavingServerFixture : IAsyncLifetime
{
    private WebApplication _app = null!;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.MapPost("/bad.v1.Bad/NoStatus", async context =>
        {
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 0 });
        });
        _app.MapPost("/bad.v1.Bad/ServiceUnavailable", context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        _app.MapPost("/bad.v1.Bad/Forbidden", context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
        _app.MapPost("/bad.v1.Bad/HtmlPage", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html>proxy login</html>");
        });
        _app.MapPost("/bad.v1.Bad/UnknownCode", context =>
        {
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = "99";
            context.Response.Headers["grpc-message"] = "from the future";
            return Task.CompletedTask;
        });
        _app.MapPost("/bad.v1.Bad/ResetBeforeHeaders", context =>
        {
            context.Abort();
            return Task.CompletedTask;
        });
        _app.MapPost("/bad.v1.Bad/ResetMidBody", async context =>
        {
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(new byte[] { 0, 0, 0, 0, 9, 1 });
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed class ResponseValidationTests(MisbehavingServerFixture fixture) : IClassFixture<MisbehavingServerFixture>
{
    [Theory]
    [InlineData("NoStatus", StatusCode.Unknown, "grpc-status")]
    [InlineData("ServiceUnavailable", StatusCode.Unavailable, "503")]
    [InlineData("Forbidden", StatusCode.PermissionDenied, "403")]
    [InlineData("NotMapped", StatusCode.Unimplemented, "404")]
    [InlineData("HtmlPage", StatusCode.Internal, "text/html")]
    [InlineData("UnknownCode", StatusCode.Unknown, "from the future")]
    [InlineData("ResetBeforeHeaders", StatusCode.Internal, "HTTP/2 error")]
    [InlineData("ResetMidBody", StatusCode.Internal, "HTTP/2 error")]
    public async Task UnaryAsync_MisbehavingServer_StatusPerGrpcSpec(string methodName, StatusCode expected, string detailPart)
    {
        using var channel = new RpcChannel(fixture.Address);
        var method = new Method<EchoRequest, EchoReply>("bad.v1.Bad", methodName, MethodType.Unary);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(method, new EchoRequest()));

        Assert.Equal(expected, error.StatusCode);
        Assert.Contains(detailPart, error.Detail);
    }
}
