using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MiniPaas.Scheduler.Tests.Infrastructure;

/// <summary>
/// The project's real service broker (src/Broker) as a child process on free loopback ports, with
/// its own data directory under /tmp (the PostgreSQL OS user must be able to enter it). Stopped by
/// its PID with SIGTERM, so it takes its PostgreSQL and Redis servers down with it.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal sealed class BrokerProcess : IAsyncDisposable
{
    public const string Username = "platform";

    private const string MaxLifetime = "20m";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    private BrokerProcess(Process process, ConcurrentQueue<string> output, string dataDirectory, int port, string password)
    {
        _process = process;
        _output = output;
        DataDirectory = dataDirectory;
        Port = port;
        Password = password;
    }

    public string DataDirectory { get; }

    public int Port { get; }

    public string Password { get; }

    public Uri Url => new($"http://127.0.0.1:{Port}");

    public string Output => string.Join('\n', _output);

    public static async Task<BrokerProcess> StartAsync()
    {
        var dll = RepositoryPaths.BuiltAssembly(Path.Combine("src", "Broker"), "MiniPaas.Broker.dll");
        var data = Path.Combine("/tmp", $"minipaas-scheduler-broker-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        var port = FreePort();
        var password = "broker-pw-" + Guid.NewGuid().ToString("N");

        // coreutils' timeout caps the broker's life should the test host be killed; it passes our SIGTERM on.
        var start = new ProcessStartInfo("timeout") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "--signal=TERM", "--kill-after=30s", MaxLifetime, "dotnet", dll, "--urls", $"http://127.0.0.1:{port}",
                     "--MiniPaas:Broker:DataDirectory", data, "--MiniPaas:Broker:Username", Username,
                     "--MiniPaas:Broker:Postgres:Port", FreePort().ToString(CultureInfo.InvariantCulture),
                     "--MiniPaas:Broker:Redis:Port", FreePort().ToString(CultureInfo.InvariantCulture),
                     "--MiniPaas:Broker:AsyncProvisionDelay", "00:00:01",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        // The password through the environment, like `up` does, not argv.
        start.Environment["MiniPaas__Broker__Password"] = password;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the broker");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new BrokerProcess(process, output, data, port, password);
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.WaitAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"the broker exited with code {process.ExitCode}: {broker.Output}");
                    }

                    try
                    {
                        return (await http.GetAsync(new Uri(broker.Url, "/healthz"))).StatusCode == HttpStatusCode.OK;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                },
                ready => ready,
                $"the broker to answer /healthz on port {port}",
                StartDeadline);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        await StopLeftoversAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Something still writes there; /tmp is cleaned eventually.
        }
    }

    /// <summary>Stops a cluster a broker that did not shut down cleanly left behind (by its data directory, never by name).</summary>
    private async Task StopLeftoversAsync()
    {
        var cluster = Path.Combine(DataDirectory, "postgres");
        if (File.Exists(Path.Combine(cluster, "postmaster.pid")))
        {
            using var stop = Process.Start("runuser", ["-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", cluster, "-m", "immediate", "stop"]);
            await stop.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
