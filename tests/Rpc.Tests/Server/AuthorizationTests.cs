using MiniPaas.Rpc.Tests.Echo;
using MiniPaas.Rpc.Tests.Harness;

namespace MiniPaas.Rpc.Tests.Server;

/// <summary>A server whose authorization hook wants <c>Bearer s3cret</c>, except on ServerStream.</summary>
public sealed class AuthorizedServerFixture : IAsyncLifetime
{
    public const string Token = "s3cret";

    internal RpcTestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RpcTestServer.StartAsync(options =>
        {
            options.AnonymousMethods.Add(EchoMethods.ServerStream.FullName);
            options.Authorize = context =>
            {
                var header = context.RequestHeaders.GetValue("authorization");
                if (header is null)
                {
                    throw new RpcException(StatusCode.Unauthenticated, "Missing bearer token.");
                }

                if (header != "Bearer " + Token)
                {
                    throw new RpcException(StatusCode.Unauthenticated, "Invalid bearer token.");
                }

                context.Items[EchoService.CallerKey] = "alice";
                return ValueTask.CompletedTask;
            };
        });
    }

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

public sealed class AuthorizationTests(AuthorizedServerFixture fixture) : IClassFixture<AuthorizedServerFixture>
{
    [Fact]
    public async Task UnaryAsync_NoToken_Unauthenticated()
    {
        using var channel = fixture.Server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("Missing bearer token.", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_WrongToken_Unauthenticated()
    {
        using var channel = fixture.Server.CreateChannel(new RpcChannelOptions { BearerToken = "guess" });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(EchoMethods.Unary, new EchoRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("Invalid bearer token.", error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_RightToken_HandlerSeesCallerStoredByHook()
    {
        using var channel = fixture.Server.CreateChannel(new RpcChannelOptions { BearerToken = AuthorizedServerFixture.Token });

        var reply = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest { Text = "in" });

        Assert.Equal("in", reply.Text);
        Assert.Equal("alice", reply.Caller);
    }

    [Fact]
    public async Task UnaryAsync_TokenProvider_IsAskedPerCallAndWinsOverFixedToken()
    {
        var asked = 0;
        using var channel = fixture.Server.CreateChannel(new RpcChannelOptions
        {
            BearerToken = "stale",
            BearerTokenProvider = _ =>
            {
                Interlocked.Increment(ref asked);
                return ValueTask.FromResult<string?>(AuthorizedServerFixture.Token);
            },
        });

        await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest());
        var reply = await channel.UnaryAsync(EchoMethods.Unary, new EchoRequest());

        Assert.Equal("alice", reply.Caller);
        Assert.Equal(2, asked);
    }

    [Fact]
    public async Task ServerStreaming_AnonymousMethod_SkipsHook()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = channel.ServerStreaming(EchoMethods.ServerStream, new EchoRequest { ReplyCount = 2 });

        var callers = new List<string>();
        await foreach (var reply in call.ResponseStream)
        {
            callers.Add(reply.Caller);
        }

        Assert.Equal(["", ""], callers);
    }

    [Fact]
    public async Task ClientStreaming_NoToken_UnauthenticatedBeforeAnyRequestIsRead()
    {
        using var channel = fixture.Server.CreateChannel();
        using var call = channel.ClientStreaming(EchoMethods.ClientStream);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TestTimeouts.Condition));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var writeError = await Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new EchoRequest()));
        Assert.Equal(StatusCode.Unauthenticated, writeError.StatusCode);
    }
}
