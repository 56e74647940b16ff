using System.Diagnostics;

namespace MiniPaas.Staging.Tests.Fixtures;

/// <summary>
/// Debian's reference registry (CNCF distribution 2.8) as a child process on a free loopback
/// port: an independent OCI implementation to push to, so staging is not tested against
/// MiniPaas's own registry. Stopped by its PID.
/// </summary>
internal sealed class ReferenceRegistry : IAsyncDisposable
{
    public const string Binary = "/usr/bin/docker-registry";

    private readonly Process _process;
    private readonly string _directory;

    private ReferenceRegistry(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts a registry; with <paramref name="htpasswd"/> it demands HTTP Basic credentials.</summary>
    public static async Task<ReferenceRegistry> StartAsync(string? htpasswd = null)
    {
        EnsureInstalled();
        var directory = Directory.CreateTempSubdirectory("minipaas-staging-registry-").FullName;
        var port = FreePort.Next();
        var auth = "";
        if (htpasswd is not null)
        {
            var htpasswdPath = Path.Combine(directory, "htpasswd");
            await File.WriteAllTextAsync(htpasswdPath, htpasswd + "\n");
            auth = $"""

                auth:
                  htpasswd:
                    realm: minipaas-test
                    path: {htpasswdPath}
                """;
        }

        var config = Path.Combine(directory, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "data")}
            http:
              addr: 127.0.0.1:{port}
            """ + auth + "\n");

        var startInfo = new ProcessStartInfo(Binary, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {Binary}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new ReferenceRegistry(process, directory, port);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            await Eventually.WaitForAsync<object>(
                async token =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"docker-registry exited with code {process.ExitCode}.");
                    }

                    // Any HTTP answer (200, or 401 with auth) means it listens.
                    using var response = await http.GetAsync(new Uri(registry.BaseAddress, "v2/"), token);
                    return new object();
                },
                TimeSpan.FromSeconds(30),
                $"docker-registry to answer on 127.0.0.1:{port}");
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }

        return registry;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Scratch data only.
        }
    }

    /// <summary>CI installs docker-registry (scripts/prereqs.sh); a developer machine may lack it.</summary>
    private static void EnsureInstalled()
    {
        if (File.Exists(Binary))
        {
            return;
        }

        using var install = Process.Start(new ProcessStartInfo("apt-get", ["install", "-y", "-qq", "docker-registry"])
        {
            UseShellExecute = false,
            Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
        }) ?? throw new InvalidOperationException("Could not run apt-get.");
        install.WaitForExit();
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing and 'apt-get install docker-registry' did not provide it (exit code {install.ExitCode}).");
        }
    }
}
