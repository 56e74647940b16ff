using System.Net;
using MiniPaas.EndToEnd.Tests.Platform;

namespace MiniPaas.EndToEnd.Tests.Logs;

/// <summary>
/// The log aggregation issue end to end: an app's own output, the router's access lines, staging
/// output, platform events and a crash with its exit code all appear under the app.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class LogsTests(PlatformFixture platform)
{
    [Fact]
    public async Task Logs_AppServedThroughRouterThenKilled_ShowsAppRouterStagingAndCrashLines()
    {
        var sample = Path.Combine(platform.RepoRoot, "samples", "hello");
        (await platform.RunCliAsync("push", "logged", "-p", sample, "-i", "1", "-m", "32M", "-k", "64M")).EnsureSuccess();
        await platform.WaitForRunningAsync("logged", 1);
        await Eventually.UntilAsync(() => platform.GetViaRouterAsync("logged.localhost"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "logged to be routed");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await platform.GetViaRouterAsync("logged.localhost")).Status);
        }

        var recent = await Eventually.UntilAsync(
            async () => (await platform.RunCliAsync("logs", "logged", "--recent", "-n", "500")).EnsureSuccess().Stdout,
            lines => lines.Contains("[RTR/", StringComparison.Ordinal)
                     && lines.Contains("[APP/0] ERR served GET / as instance 0", StringComparison.Ordinal)
                     && lines.Contains("[STG/", StringComparison.Ordinal)
                     && lines.Contains("[API/", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            "app, router, staging and platform lines under the app");
        Assert.Contains("\"GET / HTTP/1.1\" 200", recent, StringComparison.Ordinal);

        var container = (await platform.ContainersOfAsync("logged")).Single();
        await platform.Docker.KillContainerAsync(container.Id);
        await Eventually.UntilAsync(
            async () => (await platform.RunCliAsync("logs", "logged", "--recent", "-n", "500", "--source", "CELL")).EnsureSuccess().Stdout,
            lines => lines.Contains("[CELL/0] ERR", StringComparison.Ordinal) && lines.Contains("137", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the crash with its exit code under the app");

        (await platform.RunCliAsync("delete", "logged", "-f")).EnsureSuccess();
    }

    [Fact]
    public async Task Logs_SystemApp_HoldsThePlatformComponentsOwnLogs()
    {
        // Every component logs with Serilog and ships its own events to the "system" app.
        await Eventually.UntilAsync(
            async () => (await platform.RunCliAsync("logs", "system", "--recent", "-n", "2000")).EnsureSuccess().Stdout,
            lines => lines.Contains("[API/scheduler]", StringComparison.Ordinal)
                     && lines.Contains("[CELL/node-1]", StringComparison.Ordinal)
                     && lines.Contains("[RTR/", StringComparison.Ordinal)
                     && lines.Contains("[API/registry]", StringComparison.Ordinal)
                     && lines.Contains("[API/broker]", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the scheduler's, registry's, broker's, an agent's and the router's own logs in the system app");
    }
}
