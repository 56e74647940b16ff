using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MiniPaas.Scheduler.Tests.Infrastructure;

/// <summary>
/// The project's real registry (src/Registry) run as a child process on a free loopback port with
/// its own data directory; stopped by its PID when disposed.
/// </summary>
internal sealed class RegistryProcess : IAsyncDisposable
{
    private const string MaxLifetime = "20m";

    private readonly Process _process;
    private readonly TempDirectory _data;

    private RegistryProcess(Process process, TempDirectory data, int port, string token)
    {
        _process = process;
        _data = data;
        Port = port;
        Token = token;
    }

    public int Port { get; }

    public string Token { get; }

    public string Address => $"127.0.0.1:{Port}";

    public static async Task<RegistryProcess> StartAsync()
    {
        var dll = RepositoryPaths.BuiltAssembly(Path.Combine("src", "Registry"), "MiniPaas.Registry.dll");
        var data = new TempDirectory();
        var token = "registry-token-" + Guid.NewGuid().ToString("N");
        var port = FreePort();
        // coreutils' timeout caps the registry's life: should the test host itself be killed (a CI
        // timeout), Dispose never runs, and the registry must not outlive it by more than this.
        var start = new ProcessStartInfo("timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--signal=KILL", MaxLifetime, "dotnet", dll, "--urls", $"http://127.0.0.1:{port}", "--Registry:DataDirectory", data.Path, "--Registry:Token", token })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the registry");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new RegistryProcess(process, data, port, token);
        try
        {
            using var http = new HttpClient();
            await Eventually.WaitAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"the registry exited with code {process.ExitCode}");
                    }

                    try
                    {
                        var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/v2/"));
                        return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                ready => ready,
                $"the registry to answer on port {port}",
                TimeSpan.FromSeconds(30));
            return registry;
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _data.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
