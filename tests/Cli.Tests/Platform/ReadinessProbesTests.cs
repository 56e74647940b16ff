using System.Net;
using System.Net.Sockets;
using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Platform;

public sealed class ReadinessProbesTests
{
    [Fact]
    public async Task TcpAnswersAsync_Listener_True()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.True(await ReadinessProbes.TcpAnswersAsync("127.0.0.1", port, CancellationToken.None));
    }

    [Fact]
    public async Task TcpAnswersAsync_NothingListening_False()
    {
        Assert.False(await ReadinessProbes.TcpAnswersAsync("127.0.0.1", FreePort.Next(), CancellationToken.None));
    }

    [Fact]
    public void IsPortFree_Listener_False()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();

        Assert.False(ReadinessProbes.IsPortFree("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port));
    }

    [Fact]
    public void IsPortFree_NothingListening_True()
    {
        Assert.True(ReadinessProbes.IsPortFree("127.0.0.1", FreePort.Next()));
    }

    [Fact]
    public async Task HttpAnswersAsync_NothingListening_False()
    {
        Assert.False(await ReadinessProbes.HttpAnswersAsync(new Uri($"http://127.0.0.1:{FreePort.Next()}/"), CancellationToken.None));
    }
}
