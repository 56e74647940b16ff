using System.Diagnostics;

namespace MiniPaas.Docker.Tests.Fixtures;

/// <summary>
/// Debian's reference registry (CNCF distribution) on a free loopback port, filled with skopeo, so
/// pulls go through a real registry without the internet. The engine treats 127.0.0.0/8 registries
/// as plain-HTTP ones without configuration.
/// </summary>
internal sealed class LocalRegistry : IAsyncDisposable
{
    private const string RegistryBinary = "/usr/bin/docker-registry";
    private const string SkopeoBinary = "/usr/bin/skopeo";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly string directory;

    private LocalRegistry(Process process, string directory, string address)
    {
        this.process = process;
        this.directory = directory;
        Address = address;
    }

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string Address { get; }

    public static async Task<LocalRegistry> StartAsync()
    {
        foreach (var binary in new[] { RegistryBinary, SkopeoBinary })
        {
            if (!File.Exists(binary))
            {
                throw new InvalidOperationException($"{binary} is missing: install Debian's docker-registry and skopeo (scripts/prereqs.sh does).");
            }
        }

        var directory = Directory.CreateTempSubdirectory("minipaas-registry-").FullName;
        var address = $"127.0.0.1:{FreePort.Next()}";
        var config = Path.Combine(directory, "config.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "data")}
            http:
              addr: {address}
            """);

        var start = new ProcessStartInfo(RegistryBinary, ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {RegistryBinary}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(process, directory, address);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.WaitForAsync(
            async token =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"docker-registry exited with code {process.ExitCode}.");
                }

                using var response = await http.GetAsync($"http://{address}/v2/", token);
                return response.IsSuccessStatusCode;
            },
            ready => ready,
            StartTimeout,
            $"docker-registry to answer on {address}");
        return registry;
    }

    /// <summary>Pushes a <c>docker save</c> archive into the registry with skopeo, as <c>repository:tag</c>.</summary>
    public async Task PushArchiveAsync(byte[] saveArchive, string repository, string tag)
    {
        var archivePath = Path.Combine(directory, $"{Guid.NewGuid():N}.tar");
        await File.WriteAllBytesAsync(archivePath, saveArchive);
        var start = new ProcessStartInfo(SkopeoBinary, ["copy", "--insecure-policy", "--dest-tls-verify=false", $"docker-archive:{archivePath}", $"docker://{Address}/{repository}:{tag}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var skopeo = Process.Start(start) ?? throw new InvalidOperationException("Could not start skopeo.");
        var stdout = skopeo.StandardOutput.ReadToEndAsync();
        var stderr = skopeo.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await skopeo.WaitForExitAsync(timeout.Token);
        if (skopeo.ExitCode != 0)
        {
            throw new InvalidOperationException($"skopeo copy failed ({skopeo.ExitCode}): {await stdout}{await stderr}");
        }
    }

    /// <summary>
    /// Deletes the largest blob from the registry's storage (the busybox layer), so a pull finds
    /// the manifest but fails mid-transfer: the engine then reports the error inside the stream.
    /// </summary>
    public void DeleteLargestBlob()
    {
        var blobs = new DirectoryInfo(Path.Combine(directory, "data")).EnumerateFiles("data", SearchOption.AllDirectories)
            .Where(file => file.FullName.Contains($"{Path.DirectorySeparatorChar}blobs{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .OrderByDescending(file => file.Length)
            .ToList();
        if (blobs.Count == 0)
        {
            throw new InvalidOperationException("The registry holds no blobs to delete.");
        }

        blobs[0].Delete();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
