using System.Net.Sockets;

namespace MiniPaas.Docker.Tests.Errors;

/// <summary>No engine needed: these point the client at sockets where nothing (useful) answers.</summary>
public sealed class UnavailableEngineTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("minipaas-docker-tests-").FullName;

    [Fact]
    public async Task PingAsync_SocketPathDoesNotExist_ThrowsDockerUnavailableExceptionNamingThePath()
    {
        var socketPath = Path.Combine(directory, "missing.sock");
        using var client = new DockerClient(new DockerClientOptions { SocketPath = socketPath });

        var error = await Assert.ThrowsAsync<DockerUnavailableException>(() => client.PingAsync());

        Assert.Equal(socketPath, error.SocketPath);
        Assert.Contains(socketPath, error.Message);
    }

    [Fact]
    public async Task InspectContainerAsync_PathIsNotASocket_ThrowsDockerUnavailableException()
    {
        var notASocket = Path.Combine(directory, "plain-file");
        await File.WriteAllTextAsync(notASocket, "not a socket");
        using var client = new DockerClient(new DockerClientOptions { SocketPath = notASocket });

        var error = await Assert.ThrowsAsync<DockerUnavailableException>(() => client.InspectContainerAsync("anything"));

        Assert.Contains(notASocket, error.Message);
    }

    [Fact]
    public async Task GetVersionAsync_EngineAcceptsButNeverAnswers_ThrowsTimeoutExceptionAfterRequestTimeout()
    {
        var socketPath = Path.Combine(directory, "silent.sock");
        using var listener = SilentListener(socketPath);
        using var client = new DockerClient(new DockerClientOptions { SocketPath = socketPath, RequestTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.GetVersionAsync());

        Assert.Contains(socketPath, error.Message);
        Assert.Contains("/version", error.Message);
    }

    [Fact]
    public async Task GetVersionAsync_CallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        var socketPath = Path.Combine(directory, "silent-cancel.sock");
        using var listener = SilentListener(socketPath);
        using var client = new DockerClient(new DockerClientOptions { SocketPath = socketPath });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetVersionAsync(cancel.Token));
    }

    /// <summary>A unix socket that accepts connections (the kernel queues them) and never replies.</summary>
    private static Socket SilentListener(string socketPath)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(8);
        return listener;
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
