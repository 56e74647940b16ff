using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Platform;

public sealed class DockerEngineTests
{
    [Fact]
    public async Task PingAsync_MissingSocket_SaysItDoesNotExist()
    {
        using var directory = new TempDirectory();
        var socket = directory.Combine("docker.sock");

        var reason = await new DockerEngine(socket, TimeProvider.System).PingAsync(CancellationToken.None);

        Assert.Equal($"{socket} does not exist", reason);
    }

    [Fact]
    public async Task PingAsync_RunningEngine_Answers()
    {
        // The test command starts an engine when none answers (scripts/prereqs.sh), as `up` would.
        var reason = await new DockerEngine(DockerEngine.DefaultSocket, TimeProvider.System).PingAsync(CancellationToken.None);

        Assert.Null(reason);
    }

    [Fact]
    public void DockerdArgv_IsHostNetworkingOnly()
    {
        Assert.Equal(["/usr/sbin/dockerd", "--bridge=none", "--iptables=false"], DockerEngine.DockerdArgv("/usr/sbin/dockerd"));
    }
}
