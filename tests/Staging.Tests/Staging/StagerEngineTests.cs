using System.Diagnostics;
using MiniPaas.Staging.Tests.Fixtures;
using Xunit.Abstractions;

namespace MiniPaas.Staging.Tests.Staging;

/// <summary>
/// End to end: stage a sample, push it to the reference registry, have the real Docker engine
/// pull it by digest and run it with host networking, and talk to it over HTTP.
/// </summary>
[Collection(StagingCollection.Name)]
public sealed class StagerEngineTests(StagingFixture fixture, ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    private readonly TemporaryDirectory _scratch = new();
    private readonly DockerCli _docker = new();
    private readonly List<string> _containers = [];
    private readonly List<string> _images = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var container in _containers)
        {
            await _docker.TryRunAsync("rm", "-f", container);
        }

        foreach (var image in _images)
        {
            await _docker.TryRunAsync("rmi", image);
        }

        _http.Dispose();
        _docker.Dispose();
        _scratch.Dispose();
    }

    [Fact]
    public async Task StageAsync_HelloSample_RunsInDockerAndAnswersOnItsPort()
    {
        var source = _scratch.Combine("hello");
        RepositoryPaths.CopyTree(RepositoryPaths.Sample("hello"), source);
        var progress = new RecordingProgress();

        var image = await fixture.Stager.StageAsync(new StagingRequest { AppName = "hello", SourceDirectory = source }, progress);
        log.WriteLine(progress.ToString());
        var (container, port) = await PullAndRunAsync(image);

        var body = await GetWhenAnsweringAsync(container, $"http://127.0.0.1:{port}/");
        Assert.Equal($"hello from hello instance 0 on port {port}\n", body);
        Assert.Equal("ok\n", await _http.GetStringAsync($"http://127.0.0.1:{port}/health"));
        Assert.Equal("1000", await _docker.RunAsync("exec", container, "id", "-u"));
        Assert.Equal("1000:1000", await _docker.RunAsync("exec", container, "stat", "-c", "%u:%g", "/app/start.sh"));
    }

    [Fact]
    public async Task StageAsync_PublishedDotnetApp_RunsOnCopiedRuntimeInDocker()
    {
        var published = _scratch.Combine("dotnet-hello-published");
        await PublishSampleAsync(published);
        var progress = new RecordingProgress();

        var image = await fixture.Stager.StageAsync(new StagingRequest { AppName = "dotnet-hello", SourceDirectory = published }, progress);
        log.WriteLine(progress.ToString());

        Assert.Equal("dotnet", image.Stack);
        Assert.Equal("dotnet /app/DotnetHello.dll", image.Command);
        Assert.Equal(4, image.LayerDigests.Count);
        Assert.Contains("-----> Detected stack dotnet", progress.Lines);
        var (container, port) = await PullAndRunAsync(image);
        var body = await GetWhenAnsweringAsync(container, $"http://127.0.0.1:{port}/");
        Assert.StartsWith($"hello from dotnet-hello instance 0 on port {port} (.NET ", body);
        Assert.Equal("ok\n", await _http.GetStringAsync($"http://127.0.0.1:{port}/health"));
    }

    [Fact]
    public async Task StageAsync_DotnetSourceApp_PublishesStreamsOutputAndRuns()
    {
        var source = _scratch.Combine("dotnet-hello-source");
        RepositoryPaths.CopyTree(RepositoryPaths.Sample("dotnet-hello"), source);
        var progress = new RecordingProgress();

        var image = await fixture.Stager.StageAsync(new StagingRequest { AppName = "dotnet-source", SourceDirectory = source, Stack = "dotnet" }, progress);
        log.WriteLine(progress.ToString());

        Assert.Contains("-----> Publishing DotnetHello.csproj (dotnet publish -c Release)", progress.Lines);
        Assert.Contains(progress.Lines, line => line.StartsWith("       ", StringComparison.Ordinal) && line.Contains("DotnetHello ->", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(source, "obj")), "staging must publish from a copy, not in the uploaded files");
        var (container, port) = await PullAndRunAsync(image);
        var body = await GetWhenAnsweringAsync(container, $"http://127.0.0.1:{port}/");
        Assert.StartsWith($"hello from dotnet-hello instance 0 on port {port}", body);
    }

    [Fact]
    public async Task StageAsync_WarmStack_UploadsOnlyTheAppLayer()
    {
        var source = _scratch.Combine("warm");
        RepositoryPaths.CopyTree(RepositoryPaths.Sample("hello"), source);
        await fixture.Stager.StageAsync(new StagingRequest { AppName = "warm", SourceDirectory = source }, new RecordingProgress());
        await File.AppendAllTextAsync(Path.Combine(source, "www", "health"), "v2\n");

        // A fresh stager over the same cache: what a restarted control plane sees.
        var progress = new RecordingProgress();
        var stopwatch = Stopwatch.StartNew();
        var image = await fixture.NewStager().StageAsync(new StagingRequest { AppName = "warm", SourceDirectory = source }, progress);
        stopwatch.Stop();

        // Measured, never asserted: timing depends on the machine.
        log.WriteLine($"warm staging of samples/hello took {stopwatch.Elapsed.TotalMilliseconds:0} ms");
        log.WriteLine(progress.ToString());
        Assert.DoesNotContain(progress.Lines, line => line.StartsWith("-----> Built stack layer", StringComparison.Ordinal));
        Assert.Equal(1, progress.Lines.Count(line => line.StartsWith("-----> Uploading layer", StringComparison.Ordinal)));
        Assert.Contains($"-----> Uploading layer {image.LayerDigests[^1]} ", string.Join('\n', progress.Lines));
    }

    [Fact]
    public async Task StageAsync_NewAppOnWarmStack_MountsStackLayerInsteadOfUploading()
    {
        var source = _scratch.Combine("mounting");
        RepositoryPaths.CopyTree(RepositoryPaths.Sample("hello"), source);
        var first = await fixture.Stager.StageAsync(new StagingRequest { AppName = "mount-first", SourceDirectory = source }, new RecordingProgress());

        var progress = new RecordingProgress();
        var second = await fixture.NewStager().StageAsync(new StagingRequest { AppName = "mount-second", SourceDirectory = source }, progress);

        log.WriteLine(progress.ToString());
        Assert.Equal(first.LayerDigests[0], second.LayerDigests[0]);
        // Mounted from whichever app's repository pushed the stack layer first (the cache is shared by the suite).
        Assert.Contains(progress.Lines, line => line.StartsWith($"-----> Layer {second.LayerDigests[0][..19]} mounted from ", StringComparison.Ordinal));
        Assert.DoesNotContain($"-----> Uploading layer {second.LayerDigests[0]} ", string.Join('\n', progress.Lines));
        Assert.True(await fixture.RegistryClient.BlobExistsAsync("mount-second", second.LayerDigests[0]));
    }

    private async Task PublishSampleAsync(string output)
    {
        var startInfo = new ProcessStartInfo("dotnet", ["publish", Path.Combine(RepositoryPaths.Sample("dotnet-hello"), "DotnetHello.csproj"), "-c", "Release", "-o", output, "--nologo", "--disable-build-servers", "-p:UseAppHost=false"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment =
            {
                ["MSBUILDDISABLENODEREUSE"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                // Keep the sample's own bin/obj out of the repository checkout.
                ["BaseIntermediateOutputPath"] = _scratch.Combine("obj") + "/",
                ["BaseOutputPath"] = _scratch.Combine("bin") + "/",
            },
        };
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(deadline.Token);
        Assert.True(process.ExitCode == 0, $"dotnet publish failed: {await stdout}{await stderr}");
    }

    private async Task<(string Container, int Port)> PullAndRunAsync(StagedImage image)
    {
        await _docker.RunAsync("pull", image.ImageReference);
        _images.Add(image.ImageReference);
        var port = FreePort.Next();
        var container = await _docker.RunAsync(
            "run", "-d", "--network", "host", "--label", DockerCli.TestLabel,
            "-e", $"PORT={port}", "-e", "INSTANCE_INDEX=0", image.ImageReference);
        _containers.Add(container);
        return (container, port);
    }

    private async Task<string> GetWhenAnsweringAsync(string container, string url)
    {
        try
        {
            return await Eventually.WaitForAsync(
                async token =>
                {
                    using var response = await _http.GetAsync(url, token);
                    return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(token) : null;
                },
                AnswerTimeout,
                $"{url} to answer");
        }
        catch (TimeoutException)
        {
            var (_, logs, errors) = await _docker.TryRunAsync("logs", container);
            var (_, state, _) = await _docker.TryRunAsync("inspect", "-f", "{{.State.Status}} exit={{.State.ExitCode}}", container);
            throw new TimeoutException($"{url} never answered; container {state.Trim()}; logs:\n{logs}{errors}");
        }
    }
}
