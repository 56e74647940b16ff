using System.Collections.Concurrent;

namespace MiniPaas.Docker.Tests.Fixtures;

/// <summary>
/// One engine connection and one busybox image for all engine tests of a run. Everything it
/// creates carries this run's id (label <c>minipaas.test</c> on containers, tag on images) so the
/// cleanup removes only its own objects, even when other runs share the engine.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    public const string TestLabel = "minipaas.test";
    public const string CaseLabel = "minipaas.test.case";
    public const string ImportedRepository = "minipaas-test/busybox";

    private readonly ConcurrentBag<string> imagesToRemove = [];

    public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

    public DockerClient Client { get; } = new();

    /// <summary>The busybox image made by <see cref="DockerClient.ImportImageAsync"/>; the engine tests run their containers from it.</summary>
    public string Image => $"{ImportedRepository}:{RunId}";

    public string ImageId { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        try
        {
            await Client.PingAsync();
        }
        catch (DockerUnavailableException exception)
        {
            throw new InvalidOperationException(
                "These tests need a Docker engine on /var/run/docker.sock; scripts/prereqs.sh starts one (dockerd --bridge=none --iptables=false).",
                exception);
        }

        using var rootfs = new MemoryStream(BusyboxImageBuilder.BuildRootfsTar());
        ImageId = await Client.ImportImageAsync(rootfs, ImportedRepository, RunId);
        TrackImage(Image);
    }

    public void TrackImage(string reference) => imagesToRemove.Add(reference);

    /// <summary>Labels that make a container this run's and tell it apart from the run's other containers.</summary>
    public Dictionary<string, string> LabelsFor(string testCase) => new()
    {
        [TestLabel] = RunId,
        [CaseLabel] = testCase,
    };

    /// <summary>A unique container name for a test, so a leftover is easy to trace back.</summary>
    public string NameFor(string testCase) => $"minipaas-test-{RunId}-{testCase}-{Guid.NewGuid().ToString("N")[..6]}";

    public CreateContainerRequest ShellContainer(string testCase, string script) => new()
    {
        Name = NameFor(testCase),
        Image = Image,
        Cmd = ["/bin/sh", "-c", script],
        Labels = LabelsFor(testCase),
    };

    public async Task<string> RunShellAsync(string testCase, string script)
    {
        var id = await Client.CreateContainerAsync(ShellContainer(testCase, script));
        await Client.StartContainerAsync(id);
        return id;
    }

    public async Task DisposeAsync()
    {
        using (Client)
        {
            var leftovers = await Client.ListContainersAsync(all: true, new Dictionary<string, string?> { [TestLabel] = RunId });
            foreach (var container in leftovers)
            {
                await IgnoreNotFound(() => Client.RemoveContainerAsync(container.Id, force: true));
            }

            foreach (var image in imagesToRemove.Distinct())
            {
                await IgnoreNotFound(() => Client.RemoveImageAsync(image, force: true));
            }
        }
    }

    private static async Task IgnoreNotFound(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (DockerNotFoundException)
        {
            // Already gone (auto-removed or removed by the test itself).
        }
    }
}
