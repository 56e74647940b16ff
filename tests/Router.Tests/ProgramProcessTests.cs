using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf;
using MiniPaas.Router.Tests.Infrastructure;

namespace MiniPaas.Router.Tests;

/// <summary>The router as its own process, configured from the command line the way <c>minipaas up</c> starts it.</summary>
public sealed partial class ProgramProcessTests
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Main_InvalidSetting_ExitsWithMessageNamingIt()
    {
        using var process = StartRouter("--MiniPaas:Router:MaxForwardAttempts=0", "--MiniPaas:Router:ListenUrl=http://127.0.0.1");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(StartupDeadline);

        await process.WaitForExitAsync(deadline.Token);

        var text = await output + await error;
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("MiniPaas:Router:MaxForwardAttempts must be between 1 and 10; it is 0.", text, StringComparison.Ordinal);
        Assert.Contains("MiniPaas:Router:ListenUrl \"http://127.0.0.1\" has no port", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_StateFileAndNoScheduler_ServesTheSavedTable()
    {
        await using var backend = await TestBackend.StartAsync("from-state");
        var directory = Directory.CreateTempSubdirectory("router-process-");
        try
        {
            var stateFile = Path.Combine(directory.FullName, "routes.json");
            await File.WriteAllTextAsync(stateFile, JsonFormatter.Default.Format(RouteTables.Of(11, RouteTables.App("hello", backend))));
            using var process = StartRouter(
                "--MiniPaas:Router:ListenUrl=http://127.0.0.1:0",
                "--MiniPaas:Router:AdminUrl=http://127.0.0.1:0",
                $"--MiniPaas:Router:SchedulerAddress=http://127.0.0.1:{UnusedPort()}",
                $"--MiniPaas:Router:StateFile={stateFile}");
            try
            {
                var (proxy, admin) = await WaitForListenersAsync(process);
                using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
                using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{proxy}/");
                request.Headers.Host = "hello.localhost";

                using var response = await client.SendAsync(request);
                var health = await client.GetStringAsync($"http://{admin}/healthz");

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("from-state", await response.Content.ReadAsStringAsync());
                Assert.Contains("\"routeTableSource\": \"StateFile\"", health, StringComparison.Ordinal);
                Assert.Contains("\"routeTableVersion\": 11", health, StringComparison.Ordinal);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Process StartRouter(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MiniPaas.Router.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment.Remove("ASPNETCORE_URLS");
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        return Process.Start(startInfo) ?? throw new InvalidOperationException("could not start the router process");
    }

    private static async Task<(string Proxy, string Admin)> WaitForListenersAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(StartupDeadline);
        var seen = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
        {
            seen.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                return (match.Groups["proxy"].Value, match.Groups["admin"].Value);
            }
        }

        throw new InvalidOperationException($"the router exited before listening; output:\n{seen}\n{await process.StandardError.ReadToEndAsync()}");
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Router serving apps on http://(?<proxy>[0-9.]+:\d+), admin \(/metrics, /healthz, /routes\) on http://(?<admin>[0-9.]+:\d+)")]
    private static partial Regex ListeningLine();
}
