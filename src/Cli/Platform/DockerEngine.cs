using System.Net.Sockets;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// DockerEngine checks whether a Docker engine answers on its unix socket and, for <c>up</c>,
/// installs (<c>apt-get install docker.io</c>) and starts one the way this platform needs it:
/// <c>dockerd --bridge=none --iptables=false</c>, because every container runs with host networking.
/// </summary>
internal sealed class DockerEngine(string socketPath, TimeProvider time)
{
    /// <summary>The socket every Docker client uses by default.</summary>
    public const string DefaultSocket = "/var/run/docker.sock";

    /// <summary>The pid/log name <c>up</c> records dockerd under.</summary>
    public const string ProcessName = "dockerd";

    /// <summary>How long a freshly started dockerd may take to answer. Default 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The socket this instance talks to.</summary>
    public string SocketPath => socketPath;

    /// <summary>Null when the engine answers <c>GET /_ping</c>; otherwise why not.</summary>
    public async Task<string?> PingAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(socketPath))
        {
            return $"{socketPath} does not exist";
        }

        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri("http://docker/_ping"), cancellationToken);
            return response.IsSuccessStatusCode ? null : $"GET /_ping answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AccessDenied })
        {
            return $"permission denied on {socketPath} (run as root or join the docker group)";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException)
        {
            return e.Message;
        }
    }

    /// <summary>The full path of dockerd, or null when it is not installed.</summary>
    public static string? FindDockerd() => Executables.Find("dockerd");

    /// <summary>The argv <c>up</c> starts dockerd with.</summary>
    public static IReadOnlyList<string> DockerdArgv(string dockerdPath) => [dockerdPath, "--bridge=none", "--iptables=false"];

    /// <summary>
    /// Installs docker.io with apt-get, its output appended to <paramref name="logPath"/>. Runs
    /// <c>apt-get update</c> first only when the install fails without it (stale package lists).
    /// </summary>
    public static async Task InstallAsync(string logPath, Action<string> report, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new CliException(
                "no Docker engine answers and dockerd is not installed; run `minipaas up` as root so it can " +
                "apt-get install docker.io, or install and start Docker yourself");
        }

        report("installing docker.io with apt-get (about 30 s; output in " + logPath + ")");
        if (await Executables.RunAsync(["apt-get", "install", "-y", "docker.io"], logPath, cancellationToken) == 0)
        {
            return;
        }

        report("apt-get install failed; refreshing the package lists with apt-get update and trying again");
        await Executables.RunAsync(["apt-get", "update"], logPath, cancellationToken);
        if (await Executables.RunAsync(["apt-get", "install", "-y", "docker.io"], logPath, cancellationToken) != 0)
        {
            throw new CliException($"apt-get install -y docker.io failed; see {logPath}");
        }
    }

    /// <summary>Waits until the engine answers; throws with the last reason when the deadline passes.</summary>
    public async Task WaitUntilAnsweringAsync(Func<bool> processAlive, string logTail, CancellationToken cancellationToken)
    {
        string? reason = "not checked yet";
        var answered = await Poll.UntilAsync(
            async ct =>
            {
                reason = await PingAsync(ct);
                return reason is null || !processAlive();
            },
            StartTimeout,
            TimeSpan.FromMilliseconds(250),
            time,
            cancellationToken);
        if (!answered || reason is not null)
        {
            throw new CliException($"dockerd did not answer on {socketPath} ({reason}); the end of its log:{Environment.NewLine}{logTail}");
        }
    }
}
