using MiniPaas.Docker.Tests.Fixtures;

namespace MiniPaas.Docker.Tests.Images;

[Collection(DockerEngineCollection.Name)]
public sealed class ImageTests(DockerEngineFixture engine)
{
    private static readonly TimeSpan ContainerExitTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ImportImageAsync_BusyboxRootfs_InspectShowsTagIdAndPlatform()
    {
        var image = await engine.Client.InspectImageAsync(engine.Image);

        Assert.NotNull(image);
        Assert.Equal(engine.ImageId, image.Id);
        Assert.Contains(engine.Image, image.RepoTags ?? []);
        Assert.Equal("linux", image.Os);
        Assert.True(image.Size > 1_000_000, $"image size {image.Size} is smaller than busybox itself");
        Assert.NotNull(image.Created);

        // The id works as a name too.
        Assert.Equal(image.Id, (await engine.Client.InspectImageAsync(engine.ImageId))?.Id);
    }

    [Fact]
    public async Task ImportImageAsync_BadTag_ThrowsArgumentExceptionBeforeSending()
    {
        using var rootfs = new MemoryStream(BusyboxImageBuilder.BuildRootfsTar());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => engine.Client.ImportImageAsync(rootfs, ImageRepository("x"), "bad tag"));

        Assert.Contains("bad tag", error.Message);
        Assert.Equal(0, rootfs.Position);
    }

    [Fact]
    public async Task LoadImageAsync_SaveArchive_ImageKeepsConfigRunsAndCanBeRemoved()
    {
        var tag = $"{ImageRepository("busybox-loaded")}:{engine.RunId}";
        engine.TrackImage(tag);
        // The case label keeps this image's id apart from the pull test's, which has the same layer.
        var labels = engine.LabelsFor("loaded-image");
        using var archive = new MemoryStream(BusyboxImageBuilder.BuildSaveArchive(tag, labels));

        var loaded = await engine.Client.LoadImageAsync(archive);

        Assert.Equal([tag], loaded);
        var image = await engine.Client.InspectImageAsync(tag);
        Assert.NotNull(image);
        Assert.Equal(engine.RunId, image.Config?.Labels?[DockerEngineFixture.TestLabel]);
        Assert.Equal(["/bin/sh"], image.Config?.Cmd ?? []);
        Assert.Contains("PATH=/bin", image.Config?.Env ?? []);

        var request = engine.ShellContainer("loaded-image", "echo running from the loaded image");
        request.Image = tag;
        var id = await engine.Client.CreateContainerAsync(request);
        await engine.Client.StartContainerAsync(id);
        using var timeout = new CancellationTokenSource(ContainerExitTimeout);
        Assert.Equal(0, await engine.Client.WaitContainerAsync(id, timeout.Token));
        var lines = await ReadAllAsync(id);
        Assert.Equal([new LogLine(LogStream.Stdout, "running from the loaded image")], lines);

        await Assert.ThrowsAsync<DockerConflictException>(() => engine.Client.RemoveImageAsync(tag));
        await engine.Client.RemoveContainerAsync(id);
        await engine.Client.RemoveImageAsync(tag);
        Assert.Null(await engine.Client.InspectImageAsync(tag));
    }

    [Fact]
    public async Task LoadImageAsync_NotAnArchive_ThrowsDockerApiException()
    {
        using var garbage = new MemoryStream("this is not a tar archive"u8.ToArray());

        var error = await Assert.ThrowsAsync<DockerApiException>(() => engine.Client.LoadImageAsync(garbage));

        // The engine reports this inside a 200 progress stream, not as an HTTP error.
        Assert.Equal(System.Net.HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("Error processing tar file", error.Message);
    }

    [Fact]
    public async Task PullImageAsync_LayerMissingInRegistry_StreamErrorBecomesException()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var image = $"{registry.Address}/minipaas-test/broken:{engine.RunId}";
        engine.TrackImage(image);
        await registry.PushArchiveAsync(BusyboxImageBuilder.BuildSaveArchive($"minipaas-test/broken:{engine.RunId}", engine.LabelsFor("broken-pull")), "minipaas-test/broken", engine.RunId);
        registry.DeleteLargestBlob();
        var progress = new ProgressLog();

        var error = await Assert.ThrowsAsync<DockerApiException>(() => engine.Client.PullImageAsync(image, progress));

        Assert.Equal(System.Net.HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("blob", error.Message);
        Assert.Contains(progress.Messages, message => message.Contains("Pulling fs layer", StringComparison.Ordinal));
        Assert.Null(await engine.Client.InspectImageAsync(image));
    }

    [Fact]
    public async Task PullImageAsync_FromLocalRegistry_ByTagAndByDigest_ReportsProgress()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var repository = $"{registry.Address}/minipaas-test/pulled";
        var tagged = $"{repository}:{engine.RunId}";
        engine.TrackImage(tagged);
        var labels = engine.LabelsFor("pulled-image");
        await registry.PushArchiveAsync(BusyboxImageBuilder.BuildSaveArchive($"minipaas-test/pulled:{engine.RunId}", labels), "minipaas-test/pulled", engine.RunId);

        var progress = new ProgressLog();
        await engine.Client.PullImageAsync(tagged, progress, DockerClient.EncodeRegistryAuth("anonymous", "unused", registry.Address));

        Assert.Contains(progress.Messages, message => message.Contains("Downloaded newer image", StringComparison.Ordinal));
        var pulled = await engine.Client.InspectImageAsync(tagged);
        Assert.NotNull(pulled);
        var digestReference = Assert.Single(pulled.RepoDigests ?? []);
        Assert.StartsWith($"{repository}@sha256:", digestReference);

        await engine.Client.RemoveImageAsync(tagged, force: true);
        Assert.Null(await engine.Client.InspectImageAsync(digestReference));
        engine.TrackImage(digestReference);

        await engine.Client.PullImageAsync(digestReference, progress: null);

        Assert.Equal(pulled.Id, (await engine.Client.InspectImageAsync(digestReference))?.Id);
    }

    [Fact]
    public async Task PullImageAsync_TagMissingInRegistry_ThrowsWithEngineMessageNamingIt()
    {
        await using var registry = await LocalRegistry.StartAsync();
        var image = $"{registry.Address}/minipaas-test/absent:{engine.RunId}";

        var error = await Assert.ThrowsAsync<DockerNotFoundException>(() => engine.Client.PullImageAsync(image));

        Assert.Contains("minipaas-test/absent", error.Message);
    }

    private static string ImageRepository(string name) => $"minipaas-test/{name}";

    private async Task<List<LogLine>> ReadAllAsync(string id)
    {
        var lines = new List<LogLine>();
        await foreach (var line in engine.Client.ReadLogsAsync(id, new LogsOptions()))
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Collects progress synchronously (Progress&lt;T&gt; would post to the thread pool and race the assertions).</summary>
    private sealed class ProgressLog : IProgress<string>
    {
        private readonly List<string> messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (messages)
                {
                    return [.. messages];
                }
            }
        }

        public void Report(string value)
        {
            lock (messages)
            {
                messages.Add(value);
            }
        }
    }
}
