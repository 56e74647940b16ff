using System.Globalization;
using System.Text.Json;

namespace MiniPaas.Dashboard.Tests.Infrastructure;

/// <summary>
/// TestPlatform is a private MiniPaas on this machine, brought up by the real CLI
/// (<c>minipaas up</c>) with a temp home, free ports, its own loopback addresses and a container
/// label naming this test run, so it can be removed completely: <c>down</c>, then every container
/// carrying the label.
/// </summary>
internal sealed class TestPlatform : IAsyncDisposable
{
    private static readonly TimeSpan UpTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(4);

    // Kept when `up` fails, so the components' logs can be read.
    private bool _keepHome;

    private TestPlatform(string home, string testLabel)
    {
        Home = home;
        TestLabel = testLabel;
    }

    public string Home { get; }

    /// <summary>The value of the <c>dashboard-test.run</c> label on every app container of this platform.</summary>
    public string TestLabel { get; }

    /// <summary>The one-time login link <c>up</c> printed.</summary>
    public string LoginLink { get; private set; } = "";

    public int DashboardPort { get; private set; }

    /// <summary>The router's port: requests to apps go here with the app's host name.</summary>
    public int RouterPort { get; private set; }

    public static async Task<TestPlatform> UpAsync(int agents)
    {
        var home = Directory.CreateTempSubdirectory("minipaas-dashboard-test-").FullName;
        var platform = new TestPlatform(home, Guid.NewGuid().ToString("n"));
        try
        {
            platform.DashboardPort = FreePort.Next();
            platform.RouterPort = FreePort.Next();
            // Agent instance ports: a range unlikely to be shared, offset by pid so parallel runs differ.
            var agentPortStart = 63000 + (Environment.ProcessId % 40 * 50);
            var result = await platform.CliAsync(
                UpTimeout,
                "up", "--json",
                "--agents", agents.ToString(CultureInfo.InvariantCulture),
                "--registry-port", Port(),
                "--scheduler-port", Port(),
                "--router-port", platform.RouterPort.ToString(CultureInfo.InvariantCulture),
                "--logs-port", Port(),
                "--logs-http-port", Port(),
                "--router-admin-port", Port(),
                "--dashboard-port", platform.DashboardPort.ToString(CultureInfo.InvariantCulture),
                "--agent-ip-base", "127.0.0.51",
                "--agent-port-start", agentPortStart.ToString(CultureInfo.InvariantCulture),
                "--agent-ports", "50",
                "--container-label", $"dashboard-test.run={platform.TestLabel}");
            if (result.ExitCode != 0)
            {
                platform._keepHome = true;
                throw new InvalidOperationException($"minipaas up failed (logs kept in {home}/logs): {result}");
            }

            using var document = JsonDocument.Parse(result.StandardOutput);
            platform.LoginLink = document.RootElement.GetProperty("dashboard").GetString()
                ?? throw new InvalidOperationException($"minipaas up printed no dashboard login link: {result}");
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the CLI against this platform's home.</summary>
    public Task<ProcessResult> CliAsync(TimeSpan timeout, params string[] arguments) =>
        Commands.RunAsync("dotnet", [RepositoryPaths.CliDll, .. arguments, "--home", Home], timeout, new Dictionary<string, string> { ["MINIPAAS_HOME"] = Home });

    public Task<ProcessResult> CliAsync(params string[] arguments) => CliAsync(CommandTimeout, arguments);

    /// <summary>Ids of this platform's running containers of <paramref name="app"/>.</summary>
    public async Task<IReadOnlyList<string>> RunningContainersAsync(string app)
    {
        var result = await Commands.RunAsync(
            "docker",
            ["ps", "-q", "--filter", $"label=minipaas.app={app}", "--filter", $"label=dashboard-test.run={TestLabel}"],
            TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"docker ps failed: {result}");
        }

        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public async ValueTask DisposeAsync()
    {
        var down = await CliAsync(TimeSpan.FromMinutes(2), "down");
        var containers = await Commands.RunAsync("docker", ["ps", "-aq", "--filter", $"label=dashboard-test.run={TestLabel}"], TimeSpan.FromSeconds(30));
        var ids = containers.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length > 0)
        {
            await Commands.RunAsync("docker", ["rm", "-f", .. ids], TimeSpan.FromMinutes(1));
        }

        if (down.ExitCode == 0 && !_keepHome)
        {
            Directory.Delete(Home, recursive: true);
        }
    }

    private static string Port() => FreePort.Next().ToString(CultureInfo.InvariantCulture);
}
