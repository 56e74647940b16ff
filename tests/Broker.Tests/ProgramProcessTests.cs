using System.Diagnostics;
using System.Globalization;
using System.Net;
using MiniPaas.Broker.Tests.Infrastructure;

namespace MiniPaas.Broker.Tests;

/// <summary>The broker as its own process, options on the command line, including what a crash leaves behind.</summary>
public sealed class ProgramProcessTests
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Main_KilledAndStartedAgain_TakesOverLeftoverServersAndKeepsCredentials()
    {
        using var directory = new TempDataDirectory();
        var httpPort = FreePort.Next();
        var postgresPort = FreePort.Next();
        var redisPort = FreePort.Next();
        string[] arguments =
        [
            "--urls", $"http://127.0.0.1:{httpPort}",
            "--MiniPaas:Broker:DataDirectory", directory.Path,
            "--MiniPaas:Broker:Username", BrokerTestHost.Username,
            "--MiniPaas:Broker:Password", BrokerTestHost.Password,
            "--MiniPaas:Broker:Postgres:Port", postgresPort.ToString(CultureInfo.InvariantCulture),
            "--MiniPaas:Broker:Redis:Port", redisPort.ToString(CultureInfo.InvariantCulture),
        ];
        var address = new Uri($"http://127.0.0.1:{httpPort}");
        try
        {
            System.Text.Json.Nodes.JsonObject pgCredentials;
            System.Text.Json.Nodes.JsonObject redisCredentials;
            using (var first = StartBroker(arguments))
            {
                await WaitUntilHealthyAsync(address, first);
                using var client = new OsbClient(address, BrokerTestHost.Username, BrokerTestHost.Password);
                await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync("pg", Ids.Postgres, Ids.Small));
                await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync("cache", Ids.Redis, Ids.RedisDefault));
                pgCredentials = (await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.BindAsync("pg", "app", Ids.Postgres, Ids.Small))).Credentials;
                redisCredentials = (await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.BindAsync("cache", "app", Ids.Redis, Ids.RedisDefault))).Credentials;
                await RedisBindingTests.SetAsync(redisCredentials, "survives", "crash");

                // SIGKILL to the broker alone: PostgreSQL (daemonized by pg_ctl) and redis-server keep running.
                first.Kill(entireProcessTree: false);
                await first.WaitForExitAsync();
            }

            Assert.True(IsListening(redisPort), "redis-server should outlive the killed broker");
            Assert.True(IsListening(postgresPort), "PostgreSQL should outlive the killed broker");

            using var second = StartBroker(arguments);
            await WaitUntilHealthyAsync(address, second);
            using (var client = new OsbClient(address, BrokerTestHost.Username, BrokerTestHost.Password))
            {
                await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.GetBindingAsync("pg", "app"));
                await using (var connection = await PostgresBindingTests.OpenAsync(pgCredentials))
                {
                    await PostgresBindingTests.ExecuteAsync(connection, "SELECT 1");
                }

                Assert.Equal("$crash", await RedisBindingTests.GetAsync(redisCredentials, "survives"));
            }

            // SIGTERM: a graceful stop takes both servers down with the broker.
            using (var kill = Process.Start("kill", ["-TERM", second.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var exitDeadline = new CancellationTokenSource(StartupDeadline);
            await second.WaitForExitAsync(exitDeadline.Token);
            Assert.False(IsListening(redisPort), "redis-server should stop with the broker");
            Assert.False(IsListening(postgresPort), "PostgreSQL should stop with the broker");
        }
        finally
        {
            await StopLeftoversAsync(directory.Path);
        }
    }

    [Fact]
    public async Task Main_WithoutPassword_ExitsWithMessageNamingTheSetting()
    {
        using var directory = new TempDataDirectory();
        using var process = StartBroker(["--urls", "http://127.0.0.1:0", "--MiniPaas:Broker:DataDirectory", directory.Path, "--MiniPaas:Broker:Username", "platform"]);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        using var deadline = new CancellationTokenSource(StartupDeadline);
        await process.WaitForExitAsync(deadline.Token);

        Assert.NotEqual(0, process.ExitCode);
        Assert.Contains("MiniPaas:Broker:Password is required", await output + await error, StringComparison.Ordinal);
    }

    private static Process StartBroker(IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MiniPaas.Broker.dll"));
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo)!;
    }

    /// <summary>Drains the broker's output (so it never blocks on a full pipe) and keeps it for failure messages.</summary>
    private static System.Collections.Concurrent.ConcurrentQueue<string> CaptureOutput(Process process)
    {
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        process.ErrorDataReceived += (_, e) => lines.Enqueue(e.Data ?? string.Empty);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return lines;
    }

    private static async Task WaitUntilHealthyAsync(Uri address, Process process)
    {
        var output = CaptureOutput(process);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.WaitForAsync(
            async () =>
            {
                Assert.False(process.HasExited, $"the broker exited with code {(process.HasExited ? process.ExitCode : 0)} while starting: {string.Join('\n', output)}");
                try
                {
                    return (await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            healthy => healthy,
            StartupDeadline,
            "the broker process to answer /healthz");
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    /// <summary>If the test failed half-way, stops the servers it started (by their pid files, never by name).</summary>
    private static async Task StopLeftoversAsync(string dataDirectory)
    {
        var cluster = Path.Combine(dataDirectory, "postgres");
        if (File.Exists(Path.Combine(cluster, "postmaster.pid")))
        {
            using var stop = Process.Start("runuser", ["-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_ctl", "-D", cluster, "-m", "immediate", "stop"]);
            await stop.WaitForExitAsync();
        }

        var redisPid = Path.Combine(dataDirectory, "redis", "redis-server.pid");
        if (File.Exists(redisPid) && int.TryParse(await File.ReadAllTextAsync(redisPid), out var pid))
        {
            // Only the redis-server working in this test's directory; it is not our child, so no waiting on it.
            var cwd = Directory.ResolveLinkTarget($"/proc/{pid}/cwd", returnFinalTarget: false)?.FullName;
            if (cwd == Path.Combine(dataDirectory, "redis"))
            {
                using var redis = Process.GetProcessById(pid);
                redis.Kill();
            }
        }
    }
}
