using MiniPaas.EndToEnd.Tests.Platform;

namespace MiniPaas.EndToEnd.Tests.Push;

/// <summary>
/// The push issue's promise, end to end with real processes and a real Docker engine: push onto two
/// agents, scale, a second release, rollback, a registry pull by digest, and a controller restart
/// that loses nothing and restarts nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PushLifecycleTests(PlatformFixture platform)
{
    private const int SigTerm = 15;

    [Fact]
    public async Task Push_SampleApp_RunsSpreadScalesReleasesRollsBackAndSurvivesControllerRestart()
    {
        var sample = Path.Combine(platform.RepoRoot, "samples", "hello");

        // Push: 3 instances over both agents, each answering on its own address.
        var push = (await platform.RunCliAsync("push", "hello", "-p", sample, "-i", "3", "-m", "64M")).EnsureSuccess();
        Assert.Contains("[STG]", push.Stdout, StringComparison.Ordinal);
        Assert.Contains("release v1 sha256:", push.Stdout, StringComparison.Ordinal);
        var v1 = await platform.WaitForRunningAsync("hello", 3, release: 1);
        Assert.Equal(["node-1", "node-2"], v1.Running.Select(i => i.NodeId).Distinct().Order());
        foreach (var instance in v1.Running)
        {
            Assert.StartsWith("127.0.0.4", instance.Address, StringComparison.Ordinal);
            var port = instance.Address.Split(':')[1];
            Assert.Equal($"hello from hello instance {instance.Index} on port {port}\n", await platform.GetDirectAsync(instance.Address));
        }

        Assert.Equal(3, (await platform.ContainersOfAsync("hello")).Count);

        // Scale up to 5, then down to 1: the extra containers go away.
        (await platform.RunCliAsync("scale", "hello", "-i", "5")).EnsureSuccess();
        var five = await platform.WaitForRunningAsync("hello", 5);
        Assert.Equal([0, 1, 2, 3, 4], five.Running.Select(i => i.Index).Order());
        (await platform.RunCliAsync("scale", "hello", "-i", "1")).EnsureSuccess();
        await platform.WaitForRunningAsync("hello", 1);
        await Eventually.UntilAsync(() => platform.ContainersOfAsync("hello"), c => c.Count == 1, TimeSpan.FromSeconds(60), "scaled-down containers to stop");

        // A changed app is a new release with a new digest.
        var changed = CopyWithChangedGreeting(sample);
        try
        {
            var push2 = (await platform.RunCliAsync("push", "hello", "-p", changed)).EnsureSuccess();
            Assert.Contains("release v2 sha256:", push2.Stdout, StringComparison.Ordinal);
            var v2 = await platform.WaitForRunningAsync("hello", 1, release: 2);
            Assert.NotEqual(v1.ImageDigest, v2.ImageDigest);
            Assert.StartsWith("howdy from hello", await platform.GetDirectAsync(v2.Running.Single().Address), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(changed, recursive: true);
        }

        var releases = await platform.RunJsonAsync("releases", "hello");
        var digests = releases.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("imageDigest").GetString()).ToList();
        Assert.Equal(2, digests.Distinct().Count());

        // Rollback to v1: v1's digest runs again.
        (await platform.RunCliAsync("rollback", "hello", "--to", "v1")).EnsureSuccess();
        var rolledBack = await Eventually.UntilAsync(
            () => platform.GetAppAsync("hello"),
            a => a.ImageDigest == v1.ImageDigest && a.Running.Count() == 1 && a.Instances.Count == 1 && a.Running.All(i => i.ReleaseVersion == a.ReleaseVersion),
            TimeSpan.FromSeconds(90),
            "v1's digest to run again");
        Assert.StartsWith("hello from hello", await platform.GetDirectAsync(rolledBack.Running.Single().Address), StringComparison.Ordinal);

        // The real Docker CLI pulls the release from the platform's registry by digest.
        await AssertDockerPullsByDigestAsync("hello", v1.ImageDigest);

        // Restart the controller: same state, no instance restarted.
        (await platform.RunCliAsync("scale", "hello", "-i", "3")).EnsureSuccess();
        var before = await platform.WaitForRunningAsync("hello", 3);
        var containersBefore = await StartTimesAsync("hello");
        var appsBefore = (await platform.RunJsonAsync("apps")).ToString();

        await platform.SignalAndWaitAsync("scheduler", SigTerm, TimeSpan.FromSeconds(30));
        await platform.UpAsync();

        var after = await platform.WaitForRunningAsync("hello", 3);
        Assert.Equal(before.Instances.Select(i => (i.InstanceId, i.Address, i.Restarts)).Order(), after.Instances.Select(i => (i.InstanceId, i.Address, i.Restarts)).Order());
        Assert.Equal(containersBefore, await StartTimesAsync("hello"));

        // Counts in `apps` only include instances on nodes that have reported since the restart, so
        // they converge as the agents re-register; they must come back to exactly what they were.
        await Eventually.UntilAsync(
            async () => (await platform.RunJsonAsync("apps")).ToString(),
            apps => apps == appsBefore,
            TimeSpan.FromSeconds(30),
            "`apps` to show the same state as before the restart");
    }

    private async Task<IReadOnlyDictionary<string, DateTimeOffset?>> StartTimesAsync(string app)
    {
        var result = new SortedDictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        foreach (var container in await platform.ContainersOfAsync(app))
        {
            var inspect = await platform.Docker.InspectContainerAsync(container.Id);
            result[container.Id] = inspect?.State?.StartedAt;
        }

        return result;
    }

    private async Task AssertDockerPullsByDigestAsync(string app, string digest)
    {
        var dockerConfig = Directory.CreateTempSubdirectory("minipaas-e2e-docker-").FullName;
        try
        {
            var env = new Dictionary<string, string> { ["DOCKER_CONFIG"] = dockerConfig };
            var registry = $"127.0.0.1:{platform.RegistryPort}";
            (await ExternalCommand.RunAsync("docker", ["login", registry, "-u", "minipaas", "--password-stdin"], env, platform.ReadConfig().RegistryToken)).EnsureSuccess();
            var pull = (await ExternalCommand.RunAsync("docker", ["pull", $"{registry}/{app}@{digest}"], env)).EnsureSuccess();
            Assert.Contains(digest, pull.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dockerConfig, recursive: true);
        }
    }

    private static string CopyWithChangedGreeting(string sample)
    {
        var copy = Directory.CreateTempSubdirectory("minipaas-e2e-hello-").FullName;
        foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(sample, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(file));
        }

        var cgi = Path.Combine(copy, "www", "cgi-bin", "index.cgi");
        File.WriteAllText(cgi, File.ReadAllText(cgi).Replace("'hello from ", "'howdy from ", StringComparison.Ordinal));
        return copy;
    }
}
