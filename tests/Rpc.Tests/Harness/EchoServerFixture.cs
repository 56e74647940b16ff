namespace MiniPaas.Rpc.Tests.Harness;

/// <summary>One default test server (and a channel to it) shared by the tests of a class.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    internal RpcTestServer Server { get; private set; } = null!;

    internal RpcChannel Channel { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RpcTestServer.StartAsync();
        Channel = Server.CreateChannel();
    }

    public async Task DisposeAsync()
    {
        Channel.Dispose();
        await Server.DisposeAsync();
    }
}
