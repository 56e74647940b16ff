using System.Text.Json;
using MiniPaas.Staging.Tests.Fixtures;

namespace MiniPaas.Staging.Tests.Staging;

[Collection(StagingCollection.Name)]
public sealed class StagerReproducibilityTests(StagingFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task StageAsync_SameFilesTwice_GivesSameManifestDigest()
    {
        var first = CopyHello("first");
        var second = CopyHello("second");

        // Different directory, different times: neither may leak into the image.
        foreach (var file in Directory.EnumerateFiles(second, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc));
        }

        var imageA = await fixture.Stager.StageAsync(Request("repro", first), new RecordingProgress());
        var imageB = await fixture.NewStager().StageAsync(Request("repro", second), new RecordingProgress());

        Assert.Equal(imageA.ManifestDigest, imageB.ManifestDigest);
        Assert.Equal(imageA.LayerDigests, imageB.LayerDigests);
        Assert.Equal(imageA.Size, imageB.Size);
    }

    [Fact]
    public async Task StageAsync_ChangedFile_GivesNewDigestButSameStackLayer()
    {
        var source = CopyHello("changing");
        var before = await fixture.Stager.StageAsync(Request("changing", source), new RecordingProgress());

        await File.AppendAllTextAsync(Path.Combine(source, "www", "health"), "changed\n");
        var progress = new RecordingProgress();
        var after = await fixture.Stager.StageAsync(Request("changing", source), progress);

        Assert.NotEqual(before.ManifestDigest, after.ManifestDigest);
        Assert.Equal(2, after.LayerDigests.Count);
        Assert.Equal(before.LayerDigests[0], after.LayerDigests[0]);
        Assert.NotEqual(before.LayerDigests[1], after.LayerDigests[1]);
        Assert.Contains(progress.Lines, line => line.StartsWith("-----> Layer " + after.LayerDigests[0][..19], StringComparison.Ordinal) && line.EndsWith("already in registry", StringComparison.Ordinal));
        Assert.Contains(progress.Lines, line => line.StartsWith("-----> Uploading layer " + after.LayerDigests[1], StringComparison.Ordinal));
    }

    [Fact]
    public async Task StageAsync_Hello_WritesOciManifestAndConfigTheEngineNeeds()
    {
        var source = CopyHello("inspect");
        var progress = new RecordingProgress();

        var image = await fixture.Stager.StageAsync(Request("inspect", source), progress);

        Assert.Equal("busybox", image.Stack);
        Assert.Equal("./start.sh", image.Command);
        Assert.Equal($"127.0.0.1:{fixture.Registry.Port}/inspect@{image.ManifestDigest}", image.ImageReference);
        Assert.Contains("-----> Detected stack busybox", progress.Lines);
        Assert.Contains($"-----> Image {image.ManifestDigest} ", string.Join('\n', progress.Lines));

        using var manifest = JsonDocument.Parse(await fixture.RegistryClient.GetManifestAsync("inspect", image.ManifestDigest));
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", manifest.RootElement.GetProperty("mediaType").GetString());
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(image.LayerDigests, layers.Select(layer => layer.GetProperty("digest").GetString()));
        Assert.All(layers, layer => Assert.Equal("application/vnd.oci.image.layer.v1.tar+gzip", layer.GetProperty("mediaType").GetString()));

        var configDigest = manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!;
        using var config = JsonDocument.Parse(await fixture.RegistryClient.GetBlobAsync("inspect", configDigest));
        var root = config.RootElement;
        Assert.Equal("linux", root.GetProperty("os").GetString());
        Assert.Contains(root.GetProperty("architecture").GetString(), new[] { "amd64", "arm64" });
        var settings = root.GetProperty("config");
        var env = settings.GetProperty("Env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("PORT=8080", env);
        Assert.Contains(env, e => e!.StartsWith("PATH=", StringComparison.Ordinal) && e.Contains("/bin"));
        Assert.Equal("/app", settings.GetProperty("WorkingDir").GetString());
        Assert.Equal("1000:1000", settings.GetProperty("User").GetString());
        Assert.Equal(["/bin/sh", "-c"], settings.GetProperty("Entrypoint").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["./start.sh"], settings.GetProperty("Cmd").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("inspect", settings.GetProperty("Labels").GetProperty(Stager.AppLabel).GetString());
        Assert.Equal(2, root.GetProperty("rootfs").GetProperty("diff_ids").GetArrayLength());
    }

    [Fact]
    public async Task StageAsync_NothingToDetect_ThrowsNamingTheApp()
    {
        var source = _scratch.Combine("empty");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "README"), "no start command here");

        var error = await Assert.ThrowsAsync<StagingException>(() => fixture.Stager.StageAsync(Request("undetectable", source), new RecordingProgress()));

        Assert.Contains("'undetectable'", error.Message);
        Assert.Contains("Procfile", error.Message);
    }

    [Fact]
    public async Task StageAsync_CommandWithoutStackFiles_UsesBusyboxWithThatCommand()
    {
        var source = _scratch.Combine("binary-app");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "serve.txt"), "served");

        var image = await fixture.Stager.StageAsync(Request("binary-app", source) with { Command = "busybox httpd -f -p $PORT" }, new RecordingProgress());

        Assert.Equal("busybox", image.Stack);
        Assert.Equal("busybox httpd -f -p $PORT", image.Command);
    }

    [Theory]
    [InlineData("Hello")]
    [InlineData("a/b")]
    [InlineData("-x")]
    public async Task StageAsync_InvalidAppName_ThrowsNamingIt(string appName)
    {
        var error = await Assert.ThrowsAsync<StagingException>(() => fixture.Stager.StageAsync(Request(appName, CopyHello("named")), new RecordingProgress()));

        Assert.Contains($"'{appName}'", error.Message);
    }

    [Fact]
    public async Task StageAsync_UnknownStack_ThrowsListingKnownStacks()
    {
        var error = await Assert.ThrowsAsync<StagingException>(() => fixture.Stager.StageAsync(Request("stackless", CopyHello("stackless")) with { Stack = "cobol" }, new RecordingProgress()));

        Assert.Contains("'cobol'", error.Message);
        Assert.Contains("busybox", error.Message);
        Assert.Contains("dotnet", error.Message);
    }

    private string CopyHello(string name)
    {
        var destination = _scratch.Combine(name);
        RepositoryPaths.CopyTree(RepositoryPaths.Sample("hello"), destination);
        return destination;
    }

    private static StagingRequest Request(string appName, string source) => new() { AppName = appName, SourceDirectory = source };
}
