using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using MiniPaas.Docker;

namespace MiniPaas.EndToEnd.Tests.Platform;

/// <summary>
/// PlatformFixture brings the real platform up with the real CLI (<c>minipaas up</c>): registry,
/// log aggregator, scheduler, two agents, router and service broker as separate processes, in a
/// temporary home, on free ports and on loopback addresses (127.0.0.41, .42) no other test or a
/// developer's platform uses. Every
/// app container it causes carries this run's label so teardown removes exactly those.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string AgentIpBase = "127.0.0.41";
    public const int AgentPortStart = 62000;
    public const int AgentPorts = 200;
    public const string TestLabelKey = "minipaas.test";

    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(4);

    public PlatformFixture()
    {
        RepoRoot = FindRepoRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release"
            : "Debug";
        CliDll = Path.Combine(RepoRoot, "src", "Cli", "bin", configuration, "net10.0", "MiniPaas.Cli.dll");
        Home = Path.Combine(Path.GetTempPath(), $"minipaas-e2e-{Guid.NewGuid():N}"[..24]);
        TestLabelValue = $"e2e-{Guid.NewGuid():N}"[..16];
        RegistryPort = FreePort();
        SchedulerPort = FreePort();
        RouterPort = FreePort();
        RouterAdminPort = FreePort();
        LogsPort = FreePort();
        LogsHttpPort = FreePort();
        DashboardPort = FreePort();
        BrokerPort = FreePort();
    }

    public string RepoRoot { get; }

    public string CliDll { get; }

    public string Home { get; }

    public string TestLabelValue { get; }

    public int RegistryPort { get; }

    public int SchedulerPort { get; }

    public int RouterPort { get; }

    public int RouterAdminPort { get; }

    public int LogsPort { get; }

    public int LogsHttpPort { get; }

    public int DashboardPort { get; }

    public int BrokerPort { get; }

    public DockerClient Docker { get; } = new();

    public HttpClient Http { get; } = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task InitializeAsync()
    {
        if (!File.Exists(CliDll))
        {
            throw new InvalidOperationException(
                $"{CliDll} is missing: build the solution first (scripts/test.sh does, or `dotnet build MiniPaas.sln`)");
        }

        Directory.CreateDirectory(Home);
        await UpAsync();
    }

    /// <summary>Runs <c>up</c> with this fixture's layout; idempotent, so it also restarts stopped components.</summary>
    public async Task<CliResult> UpAsync() =>
        (await RunCliAsync(
            "up",
            "--agents", "2",
            "--registry-port", RegistryPort.ToString(),
            "--scheduler-port", SchedulerPort.ToString(),
            "--router-port", RouterPort.ToString(),
            "--router-admin-port", RouterAdminPort.ToString(),
            "--logs-port", LogsPort.ToString(),
            "--logs-http-port", LogsHttpPort.ToString(),
            "--dashboard-port", DashboardPort.ToString(),
            "--broker-port", BrokerPort.ToString(),
            "--agent-ip-base", AgentIpBase,
            "--agent-port-start", AgentPortStart.ToString(),
            "--agent-ports", AgentPorts.ToString(),
            "--container-label", $"{TestLabelKey}={TestLabelValue}")).EnsureSuccess();

    public async Task DisposeAsync()
    {
        try
        {
            await RunCliAsync("down");
        }
        finally
        {
            var mine = await Docker.ListContainersAsync(all: true, new Dictionary<string, string?> { [TestLabelKey] = TestLabelValue });
            foreach (var container in mine)
            {
                await Docker.RemoveContainerAsync(container.Id, force: true);
            }

            Docker.Dispose();
            Http.Dispose();
            try
            {
                Directory.Delete(Home, recursive: true);
            }
            catch (IOException)
            {
                // A component may still be flushing its log; the temp dir is harmless.
            }
        }
    }

    /// <summary>Runs the real CLI against this platform and returns what it printed.</summary>
    public async Task<CliResult> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoRoot,
        };
        start.ArgumentList.Add(CliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--home");
        start.ArgumentList.Add(Home);
        start.Environment["MINIPAAS_HOME"] = Home;
        start.Environment.Remove("MINIPAAS_API");
        start.Environment.Remove("MINIPAAS_TOKEN");

        var commandLine = "minipaas " + string.Join(' ', args);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start `{commandLine}`");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CliTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{commandLine}` did not finish within {CliTimeout}; output so far:\n{await stdout}\n{await stderr}");
        }

        return new CliResult(commandLine, process.ExitCode, await stdout, await stderr);
    }

    public async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var result = (await RunCliAsync([.. args, "--json"])).EnsureSuccess();
        using var document = JsonDocument.Parse(result.Stdout);
        return document.RootElement.Clone();
    }

    public async Task<AppView> GetAppAsync(string app) => AppView.Parse(await RunJsonAsync("app", app));

    /// <summary>Waits until the app runs exactly <paramref name="count"/> instances, all of <paramref name="release"/> when given.</summary>
    public Task<AppView> WaitForRunningAsync(string app, int count, int? release = null, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(
            () => GetAppAsync(app),
            view => view.Running.Count() == count
                    && view.Instances.Count == count
                    && (release is null || view.Running.All(i => i.ReleaseVersion == release)),
            timeout ?? TimeSpan.FromSeconds(90),
            $"{app} to run exactly {count} instance(s){(release is null ? "" : $" of v{release}")}");

    /// <summary>GET through the router, as a browser asking for http://HOST:ROUTERPORT/PATH would.</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetViaRouterAsync(string host, string path = "/", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{RouterPort}{path}");
        request.Headers.Host = $"{host}:{RouterPort}";
        using var response = await Http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async Task<string> GetDirectAsync(string address, string path = "/") =>
        await Http.GetStringAsync($"http://{address}{path}");

    public async Task<IReadOnlyList<ContainerSummary>> ContainersOfAsync(string app, bool all = false) =>
        await Docker.ListContainersAsync(all, new Dictionary<string, string?>
        {
            [TestLabelKey] = TestLabelValue,
            ["minipaas.app"] = app,
        });

    public PlatformConfigView ReadConfig()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Home, "config.json")));
        var root = document.RootElement;
        return new PlatformConfigView(
            root.TryGetProperty("registryToken", out var token) ? token.GetString() ?? "" : "");
    }

    /// <summary>The pid <c>up</c> recorded for a component (e.g. "scheduler", "node-1").</summary>
    public int PidOf(string component) =>
        int.Parse(File.ReadAllText(Path.Combine(Home, "pids", $"{component}.pid")).Trim());

    /// <summary>Sends a signal to a component this fixture started, and waits for it to exit.</summary>
    public async Task SignalAndWaitAsync(string component, int signal, TimeSpan timeout)
    {
        var pid = PidOf(component);
        using var process = Process.GetProcessById(pid);
        if (Kill(pid, signal) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }

        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MiniPaas.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no MiniPaas.sln above {AppContext.BaseDirectory}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>The parts of the platform's config.json the tests need.</summary>
public sealed record PlatformConfigView(string RegistryToken);

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
