using MiniPaas.Docker.Tests.Fixtures;

namespace MiniPaas.Docker.Tests.Containers;

[Collection(DockerEngineCollection.Name)]
public sealed class ContainerLifecycleTests(DockerEngineFixture engine)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KillContainerAsync_HttpdOnHostNetwork_ServesThenDiesWith137()
    {
        const string testCase = "httpd";
        var port = FreePort.Next();
        var request = new CreateContainerRequest
        {
            Name = engine.NameFor(testCase),
            Image = engine.Image,
            Cmd = ["/bin/busybox", "httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", "/www"],
            Labels = engine.LabelsFor(testCase),
        };
        var id = await engine.Client.CreateContainerAsync(request);
        await engine.Client.StartContainerAsync(id);

        // Served from inside the container over host networking.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var body = await Eventually.WaitForAsync(
            token => http.GetStringAsync($"http://127.0.0.1:{port}/", token),
            text => text.Length > 0,
            Deadline,
            $"busybox httpd to answer on 127.0.0.1:{port}");
        Assert.Equal(BusyboxImageBuilder.IndexHtml, body);

        var running = await engine.Client.InspectContainerAsync(id);
        Assert.NotNull(running);
        Assert.True(running.State.Running);
        Assert.Equal("running", running.State.Status);
        Assert.True(running.State.Pid > 0);
        Assert.Equal($"/{request.Name}", running.Name);
        Assert.Equal(engine.ImageId, running.Image);
        Assert.Equal("host", running.HostConfig.NetworkMode);
        Assert.Equal(engine.RunId, running.Config.Labels?[DockerEngineFixture.TestLabel]);
        Assert.NotNull(running.State.StartedAt);
        Assert.Null(running.State.FinishedAt);

        var runningByLabel = await engine.Client.ListContainersAsync(all: false, new Dictionary<string, string?> { [DockerEngineFixture.CaseLabel] = testCase, [DockerEngineFixture.TestLabel] = engine.RunId });
        Assert.Equal(id, Assert.Single(runningByLabel).Id);

        // Watch before killing; Since covers the moment between here and the subscription.
        using var watchTimeout = new CancellationTokenSource(Deadline);
        var filter = new EventsFilter
        {
            Types = ["container"],
            Events = ["kill", "die"],
            Labels = engine.LabelsFor(testCase).ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
            Since = TimeProvider.System.GetUtcNow(),
        };
        var watch = CollectUntilAsync(engine.Client.WatchEventsAsync(filter, watchTimeout.Token), e => e.Action == "die");

        await engine.Client.KillContainerAsync(id);

        var events = await watch;
        var kill = Assert.Single(events, e => e.Action == "kill");
        Assert.Equal("9", kill.Actor.Attributes["signal"]);
        var die = events[^1];
        Assert.Equal("container", die.Type);
        Assert.Equal(id, die.Actor.Id);
        Assert.Equal(137, die.ExitCode);
        Assert.Equal("137", die.Actor.Attributes["exitCode"]);
        Assert.Equal(engine.RunId, die.Actor.Attributes[DockerEngineFixture.TestLabel]);
        Assert.True(die.Timestamp >= filter.Since.Value.AddSeconds(-1));

        var dead = await engine.Client.InspectContainerAsync(id);
        Assert.NotNull(dead);
        Assert.False(dead.State.Running);
        Assert.Equal("exited", dead.State.Status);
        Assert.Equal(137, dead.State.ExitCode);
        Assert.False(dead.State.OomKilled);
        Assert.True(dead.State.FinishedAt >= dead.State.StartedAt);

        Assert.Empty(await engine.Client.ListContainersAsync(all: false, new Dictionary<string, string?> { [DockerEngineFixture.CaseLabel] = testCase, [DockerEngineFixture.TestLabel] = engine.RunId }));
        var exited = Assert.Single(await engine.Client.ListContainersAsync(all: true, new Dictionary<string, string?> { [DockerEngineFixture.CaseLabel] = testCase, [DockerEngineFixture.TestLabel] = engine.RunId }));
        Assert.Equal(id, exited.Id);
        Assert.Equal("exited", exited.State);
        Assert.Contains($"/{request.Name}", exited.Names);

        await engine.Client.RemoveContainerAsync(id);
        Assert.Null(await engine.Client.InspectContainerAsync(id));
    }

    [Fact]
    public async Task ListContainersAsync_LabelKeyOnly_FindsEveryContainerWithThatLabel()
    {
        var first = await engine.Client.CreateContainerAsync(engine.ShellContainer("list-key-a", "true"));
        var second = await engine.Client.CreateContainerAsync(engine.ShellContainer("list-key-b", "true"));

        var withLabel = await engine.Client.ListContainersAsync(all: true, new Dictionary<string, string?> { [DockerEngineFixture.TestLabel] = engine.RunId, [DockerEngineFixture.CaseLabel] = null });
        var byValue = await engine.Client.ListContainersAsync(all: true, new Dictionary<string, string?> { [DockerEngineFixture.TestLabel] = engine.RunId, [DockerEngineFixture.CaseLabel] = "list-key-b" });

        Assert.Contains(withLabel, c => c.Id == first);
        Assert.Contains(withLabel, c => c.Id == second);
        Assert.Equal(second, Assert.Single(byValue).Id);
        Assert.Equal("created", Assert.Single(byValue).State);
    }

    [Fact]
    public async Task WaitContainerAsync_ShellExitsWith3_ReturnsExitCodeAndInspectAgrees()
    {
        var id = await engine.RunShellAsync("exit-3", "exit 3");
        using var timeout = new CancellationTokenSource(Deadline);

        var exitCode = await engine.Client.WaitContainerAsync(id, timeout.Token);

        Assert.Equal(3, exitCode);
        var inspect = await engine.Client.InspectContainerAsync(id);
        Assert.Equal(3, inspect?.State.ExitCode);
        Assert.Equal("exited", inspect?.State.Status);
    }

    [Fact]
    public async Task StopContainerAsync_ProcessTrapsTerm_ExitsGracefullyWithItsOwnCode()
    {
        var id = await engine.RunShellAsync("stop-graceful", "trap 'echo got TERM; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
        await WaitForLineAsync(id, "ready");

        await engine.Client.StopContainerAsync(id, TimeSpan.FromSeconds(30));

        var inspect = await engine.Client.InspectContainerAsync(id);
        Assert.Equal(0, inspect?.State.ExitCode);
        Assert.False(inspect?.State.Running);
        await WaitForLineAsync(id, "got TERM");

        // Stopping a stopped container is not an error (the engine answers 304).
        await engine.Client.StopContainerAsync(id, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task CreateContainerAsync_MemoryAndCpuLimits_AreAppliedToTheCgroup()
    {
        const long memory = 64L * 1024 * 1024;
        const long nanoCpus = 500_000_000;
        var request = engine.ShellContainer(
            "limits",
            "cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes");
        request.HostConfig.Memory = memory;
        request.HostConfig.NanoCpus = nanoCpus;
        request.HostConfig.RestartPolicy = new RestartPolicy { Name = "on-failure", MaximumRetryCount = 2 };
        var id = await engine.Client.CreateContainerAsync(request);

        var inspect = await engine.Client.InspectContainerAsync(id);
        Assert.NotNull(inspect);
        Assert.Equal(memory, inspect.HostConfig.Memory);
        Assert.Equal(nanoCpus, inspect.HostConfig.NanoCpus);
        Assert.Equal("on-failure", inspect.HostConfig.RestartPolicy?.Name);
        Assert.Equal(2, inspect.HostConfig.RestartPolicy?.MaximumRetryCount);

        await engine.Client.StartContainerAsync(id);
        using var timeout = new CancellationTokenSource(Deadline);
        Assert.Equal(0, await engine.Client.WaitContainerAsync(id, timeout.Token));
        var lines = await ReadAllAsync(id, new LogsOptions());
        Assert.Equal(memory.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(lines).Text);
    }

    [Fact]
    public async Task StartContainerAsync_ProcessExceedsMemoryLimit_OomKilledWithOomAndDieEvents()
    {
        const string testCase = "oom";
        // dd's 32 MiB block buffer cannot fit in an 8 MiB cgroup; exec makes dd the main process.
        var request = engine.ShellContainer(testCase, "exec /bin/busybox dd if=/dev/zero of=/dev/null bs=32M count=1");
        request.HostConfig.Memory = 8L * 1024 * 1024;
        var id = await engine.Client.CreateContainerAsync(request);
        using var watchTimeout = new CancellationTokenSource(Deadline);
        var filter = new EventsFilter
        {
            Types = ["container"],
            Events = ["oom", "die"],
            Containers = [id],
            Since = TimeProvider.System.GetUtcNow(),
        };
        var watch = CollectUntilAsync(engine.Client.WatchEventsAsync(filter, watchTimeout.Token), e => e.Action == "die");

        await engine.Client.StartContainerAsync(id);

        var events = await watch;
        Assert.Contains(events, e => e.Action == "oom" && e.Actor.Id == id);
        Assert.Equal(137, events[^1].ExitCode);
        var inspect = await engine.Client.InspectContainerAsync(id);
        Assert.True(inspect?.State.OomKilled);
        Assert.Equal(137, inspect?.State.ExitCode);
    }

    [Fact]
    public async Task CreateContainerAsync_EnvWorkingDirUserEntrypointAndBinds_ReachTheProcess()
    {
        var hostDirectory = Directory.CreateTempSubdirectory("minipaas-docker-bind-");
        try
        {
            // Temp directories are owner-only; the container runs as another uid.
            File.SetUnixFileMode(hostDirectory.FullName, (UnixFileMode)0x1ED);
            await File.WriteAllTextAsync(Path.Combine(hostDirectory.FullName, "from-host.txt"), "bound file\n");
            var request = new CreateContainerRequest
            {
                Name = engine.NameFor("settings"),
                Image = engine.Image,
                Entrypoint = ["/bin/sh", "-c"],
                Cmd = ["echo \"$GREETING\"; pwd; id -u; cat /data/from-host.txt"],
                Env = ["GREETING=hello from env"],
                WorkingDir = "/tmp",
                User = "1234:1234",
                Labels = engine.LabelsFor("settings"),
                HostConfig = new HostConfig { Binds = [$"{hostDirectory.FullName}:/data:ro"] },
            };
            var id = await engine.Client.CreateContainerAsync(request);
            await engine.Client.StartContainerAsync(id);
            using var timeout = new CancellationTokenSource(Deadline);
            Assert.Equal(0, await engine.Client.WaitContainerAsync(id, timeout.Token));

            var lines = await ReadAllAsync(id, new LogsOptions());

            Assert.Equal(["hello from env", "/tmp", "1234", "bound file"], lines.Select(line => line.Text));
            var inspect = await engine.Client.InspectContainerAsync(id);
            Assert.Equal(["/bin/sh", "-c"], inspect?.Config.Entrypoint ?? []);
            Assert.Equal("1234:1234", inspect?.Config.User);
            Assert.Contains("GREETING=hello from env", inspect?.Config.Env ?? []);
        }
        finally
        {
            hostDirectory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task CreateContainerAsync_AutoRemove_ContainerDisappearsAfterExit()
    {
        var request = engine.ShellContainer("auto-remove", "exit 0");
        request.HostConfig.AutoRemove = true;
        var id = await engine.Client.CreateContainerAsync(request);
        Assert.True((await engine.Client.InspectContainerAsync(id))?.HostConfig.AutoRemove);

        await engine.Client.StartContainerAsync(id);

        await Eventually.WaitForAsync(token => engine.Client.InspectContainerAsync(id, token), inspect => inspect is null, Deadline, "the auto-removed container to disappear");
    }

    private async Task<List<LogLine>> ReadAllAsync(string id, LogsOptions options)
    {
        var lines = new List<LogLine>();
        await foreach (var line in engine.Client.ReadLogsAsync(id, options))
        {
            lines.Add(line);
        }

        return lines;
    }

    private Task WaitForLineAsync(string id, string text) =>
        Eventually.WaitForAsync(
            _ => ReadAllAsync(id, new LogsOptions()),
            lines => lines.Any(line => line.Text == text),
            Deadline,
            $"container {id[..12]} to print '{text}'");

    private static async Task<List<DockerEvent>> CollectUntilAsync(IAsyncEnumerable<DockerEvent> events, Func<DockerEvent, bool> isLast)
    {
        var collected = new List<DockerEvent>();
        await foreach (var dockerEvent in events)
        {
            collected.Add(dockerEvent);
            if (isLast(dockerEvent))
            {
                break;
            }
        }

        return collected;
    }
}
