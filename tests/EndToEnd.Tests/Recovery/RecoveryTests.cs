using System.Net;
using System.Text.Json;
using MiniPaas.EndToEnd.Tests.Platform;

namespace MiniPaas.EndToEnd.Tests.Recovery;

/// <summary>
/// The health-management issue's promises with the real platform: a killed container is noticed
/// and restarted, a killed agent's instances move to the other agent and its stale containers stop
/// when it comes back, a broken release halts its rollout while the old release keeps serving, and
/// a controller killed under load loses and duplicates nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class RecoveryTests(PlatformFixture platform) : IAsyncLifetime
{
    private const int SigKill = 9;

    // Small quotas, and every app deleted after its test: the agents offer 10 GB of disk each and the
    // fixture is shared, so while one agent is down the other must fit every test's instances.
    private const string Memory = "32M";
    private const string Disk = "64M";

    private readonly List<string> _pushed = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _pushed)
        {
            await platform.RunCliAsync("delete", app, "-f");
        }
    }

    [Fact]
    public async Task DockerKill_RunningInstance_CrashRecordedWithExitCodeAndInstanceRestarted()
    {
        await PushAsync("rec-crash", instances: 2);
        var victim = (await platform.ContainersOfAsync("rec-crash")).First();

        await platform.Docker.KillContainerAsync(victim.Id);

        var healed = await Eventually.UntilAsync(
            () => platform.GetAppAsync("rec-crash"),
            a => a.Running.Count() == 2 && a.Instances.Count == 2 && a.Instances.Sum(i => i.Restarts) >= 1,
            TimeSpan.FromSeconds(30),
            "the killed instance to be restarted and counted");
        Assert.Equal(1, healed.Instances.Count(i => i.Restarts == 1));

        var events = await EventsAsync("rec-crash");
        var crash = Assert.Single(events, e => e.Kind == "instance.crashed");
        Assert.Contains("exit code 137", crash.Message, StringComparison.Ordinal);
        Assert.Contains(events, e => e.Kind == "instance.restarted" && e.Index == crash.Index);
        Assert.Equal(2, (await platform.ContainersOfAsync("rec-crash")).Count);
        Assert.DoesNotContain(victim.Id, (await platform.ContainersOfAsync("rec-crash")).Select(c => c.Id));

        // The table a user reads shows the restart too.
        var table = (await platform.RunCliAsync("events", "rec-crash")).EnsureSuccess();
        Assert.Contains("instance.crashed", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentSigkill_NodeLost_InstancesRescheduledAndStaleContainersStoppedWhenItReturns()
    {
        var before = await PushAsync("rec-node", instances: 4);
        var onNode1 = before.Running.Where(i => i.NodeId == "node-1").Select(i => i.Index).ToList();
        Assert.NotEmpty(onNode1);

        await platform.SignalAndWaitAsync("node-1", SigKill, TimeSpan.FromSeconds(30));
        var killedAt = DateTimeOffset.UtcNow;
        AppView moved;
        try
        {
            // TTL 5 s, then a convergence pass and a container start on node-2.
            moved = await Eventually.UntilAsync(
                () => platform.GetAppAsync("rec-node"),
                a => a.Running.Count() == 4 && a.Instances.Count == 4 && a.Running.All(i => i.NodeId == "node-2"),
                TimeSpan.FromSeconds(30),
                "every instance of rec-node to run on node-2");
        }
        finally
        {
            await platform.UpAsync();
        }

        var movedWithin = DateTimeOffset.UtcNow - killedAt;
        Assert.True(movedWithin < TimeSpan.FromSeconds(20), $"moved after {movedWithin.TotalSeconds:0.0} s");
        foreach (var index in onNode1)
        {
            Assert.StartsWith($"hello from rec-node instance {index} ", await platform.GetDirectAsync(moved.Running.Single(i => i.Index == index).Address), StringComparison.Ordinal);
        }

        var events = await EventsAsync("rec-node");
        Assert.Contains(events, e => e.Kind == "instance.lost");

        // node-1 is back: the containers it left running are no longer assigned and stop, so the
        // app runs exactly its 4 containers again.
        await Eventually.UntilAsync(
            async () => (await platform.RunJsonAsync("nodes")).GetProperty("nodes").EnumerateArray()
                .Any(n => n.GetProperty("nodeId").GetString() == "node-1" && n.GetProperty("state").GetString() == "ready"),
            ready => ready,
            TimeSpan.FromSeconds(30),
            "node-1 to be ready again");
        await Eventually.UntilAsync(
            () => platform.ContainersOfAsync("rec-node"),
            c => c.Count == 4,
            TimeSpan.FromSeconds(30),
            "node-1's stale containers of rec-node to stop");
        var after = await platform.WaitForRunningAsync("rec-node", 4);
        Assert.All(after.Running, i => Assert.Equal("node-2", i.NodeId));
    }

    [Fact]
    public async Task RollingDeploy_BrokenThenHealthyRelease_HaltsWhileOldServesThenRollsWithoutFailures()
    {
        var v1 = await PushAsync("rec-roll", instances: 3);
        var sample = Path.Combine(platform.RepoRoot, "samples", "hello");

        // The sample's manifest says 1 instance of 64M; the flags keep the app's size as it is.
        var load = SteadyLoad.Start(platform, "rec-roll.localhost");
        await load.WaitForRequestsAsync(50);
        var broken = await platform.RunCliAsync("push", "rec-roll", "-p", sample, "-i", "3", "-m", Memory, "-k", Disk, "-c", "exit 1", "--strategy", "rolling");
        var duringBroken = await load.StopAsync();

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains("halted", broken.Stderr + broken.Stdout, StringComparison.Ordinal);
        Assert.True(duringBroken.Failures.Count == 0, duringBroken.ToString());
        // v2 is the current release, but its rollout stopped: every v1 instance still runs.
        var halted = await platform.GetAppAsync("rec-roll");
        Assert.Equal(v1.ReleaseVersion + 1, halted.ReleaseVersion);
        Assert.True(
            v1.Running.Select(i => i.InstanceId).Order().SequenceEqual(halted.Running.Where(i => i.ReleaseVersion == v1.ReleaseVersion).Select(i => i.InstanceId).Order()),
            $"v1 instances {string.Join(", ", v1.Running.Select(i => i.InstanceId))} should all still run; now: {halted}; events: {string.Join(" | ", await EventsAsync("rec-roll"))}");
        Assert.Contains(await EventsAsync("rec-roll"), e => e.Kind == "rollout.halted");

        // The crash loop shows in `minipaas app` and in the events, with the exit code.
        var detail = await platform.RunJsonAsync("app", "rec-roll");
        Assert.Contains(
            detail.GetProperty("instances").EnumerateArray(),
            i => i.TryGetProperty("message", out var m) && m.GetString()!.StartsWith("crash loop (", StringComparison.Ordinal));
        Assert.Contains(await EventsAsync("rec-roll"), e => e.Kind == "instance.crashed" && e.Message.Contains("exit code 1, crash 3 in a row", StringComparison.Ordinal));

        // A healthy release rolls over the halted one under load without a failed request.
        var healthyLoad = SteadyLoad.Start(platform, "rec-roll.localhost");
        await healthyLoad.WaitForRequestsAsync(50);
        var healthy = (await platform.RunCliAsync("push", "rec-roll", "-p", sample, "-i", "3", "-m", Memory, "-k", Disk, "--strategy", "rolling")).EnsureSuccess();
        var v3 = await platform.WaitForRunningAsync("rec-roll", 3, release: 3);
        await healthyLoad.WaitForRequestsAsync(healthyLoad.Requests + 50);
        var duringHealthy = await healthyLoad.StopAsync();

        Assert.Contains("release v3", healthy.Stdout, StringComparison.Ordinal);
        Assert.True(duringHealthy.Failures.Count == 0, duringHealthy.ToString());
        Assert.Empty(v3.Running.Select(i => i.InstanceId).Intersect(v1.Running.Select(i => i.InstanceId)));
        Assert.Contains(await EventsAsync("rec-roll"), e => e.Kind == "rollout.completed");
    }

    [Fact]
    public async Task ControllerSigkill_DuringLoad_NoFailedRequestAndSameInstancesAfterUp()
    {
        var before = await PushAsync("rec-ctl", instances: 3);
        var containersBefore = (await platform.ContainersOfAsync("rec-ctl")).Select(c => c.Id).Order().ToList();

        var load = SteadyLoad.Start(platform, "rec-ctl.localhost");
        await load.WaitForRequestsAsync(100);
        await platform.SignalAndWaitAsync("scheduler", SigKill, TimeSpan.FromSeconds(30));
        try
        {
            await load.WaitForRequestsAsync(load.Requests + 100);
        }
        finally
        {
            await platform.UpAsync();
        }

        var after = await platform.WaitForRunningAsync("rec-ctl", 3);
        await load.WaitForRequestsAsync(load.Requests + 100);
        var result = await load.StopAsync();

        Assert.True(result.Failures.Count == 0, result.ToString());
        Assert.Equal(
            before.Instances.Select(i => (i.InstanceId, i.NodeId, i.Address, i.Restarts)).Order(),
            after.Instances.Select(i => (i.InstanceId, i.NodeId, i.Address, i.Restarts)).Order());
        Assert.Equal(containersBefore, (await platform.ContainersOfAsync("rec-ctl")).Select(c => c.Id).Order().ToList());
    }

    [Fact]
    public async Task LivenessCheck_HealthEndpointStartsFailing_InstanceRestartedIntoAHealthyOne()
    {
        await PushAsync("rec-live", instances: 1);
        var victim = (await platform.ContainersOfAsync("rec-live")).Single();

        // The process keeps running; only its http health check fails from now on.
        (await ExternalCommand.RunAsync("docker", ["exec", victim.Id, "rm", "-f", "/app/www/health"])).EnsureSuccess();

        var healed = await Eventually.UntilAsync(
            () => platform.GetAppAsync("rec-live"),
            a => a.Running.Count() == 1 && a.Instances.Single().Restarts >= 1,
            TimeSpan.FromSeconds(60),
            "the unhealthy instance to be restarted");
        Assert.Single(healed.Instances);
        var crash = Assert.Single(await EventsAsync("rec-live"), e => e.Kind == "instance.crashed");
        Assert.Contains("health", crash.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(victim.Id, (await platform.ContainersOfAsync("rec-live")).Select(c => c.Id));
        await Eventually.UntilAsync(() => platform.GetViaRouterAsync("rec-live.localhost"), r => r.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(10), "rec-live to be routed again");
    }

    private async Task<AppView> PushAsync(string app, int instances)
    {
        var sample = Path.Combine(platform.RepoRoot, "samples", "hello");
        _pushed.Add(app);
        (await platform.RunCliAsync("push", app, "-p", sample, "-i", instances.ToString(), "-m", Memory, "-k", Disk)).EnsureSuccess();
        var view = await platform.WaitForRunningAsync(app, instances);
        await Eventually.UntilAsync(
            () => platform.GetViaRouterAsync($"{app}.localhost"),
            r => r.Status == HttpStatusCode.OK,
            TimeSpan.FromSeconds(10),
            $"{app} to be routed");
        return view;
    }

    private async Task<IReadOnlyList<EventView>> EventsAsync(string app)
    {
        var reply = await platform.RunJsonAsync("events", app, "-n", "200");
        return reply.TryGetProperty("events", out var events)
            ? events.EnumerateArray().Select(EventView.Parse).ToList()
            : [];
    }
}
