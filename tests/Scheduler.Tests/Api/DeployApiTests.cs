using System.Formats.Tar;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Api;

/// <summary>
/// Deploys the busybox sample through the whole control plane: upload, real staging, a push to the
/// project's real registry (child process), a release, and the rollout a test agent completes.
/// </summary>
public sealed class DeployApiTests : ApiTestBase
{
    private RegistryProcess _registry = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["MiniPaas:RegistryAddress"] = _registry.Address,
        ["MiniPaas:RegistryToken"] = _registry.Token,
    };

    public override async Task InitializeAsync()
    {
        _registry = await RegistryProcess.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _registry.DisposeAsync();
    }

    [Fact]
    public async Task Deploy_Sample_StagesReleasesAndStreamsUntilInstancesRun()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        var package = await UploadApiTests.UploadAsync(Admin, "hello", SampleTar().Length, SampleTar());
        var settings = new AppSettings { Instances = 2, InstancesSet = true, MemoryMb = 64, HealthCheck = new HealthCheck { Type = "http", Endpoint = "/health" } };
        settings.Env.Add("GREETING", "hi");

        var progress = await DeployAsync("hello", package.PackageId, settings);

        Assert.Contains(progress, p => p.ItemCase == DeployProgress.ItemOneofCase.StagingLine && p.StagingLine.Contains("Staging hello", StringComparison.Ordinal));
        var release = Assert.Single(progress, p => p.ItemCase == DeployProgress.ItemOneofCase.ReleaseCreated).ReleaseCreated;
        Assert.Equal((1, "busybox", "push"), (release.Version, release.Stack, release.Description));
        Assert.StartsWith("sha256:", release.ImageDigest, StringComparison.Ordinal);
        Assert.Contains(progress, p => p.ItemCase == DeployProgress.ItemOneofCase.App && p.App.Summary.RunningInstances == 2);
        Assert.Equal("hello v1: 2 of 2 instances running", progress[^1].Message);

        var set = agent.Latest!;
        Assert.Equal(2, set.Assignments.Count);
        Assert.All(set.Assignments, a =>
        {
            Assert.Equal($"{_registry.Address}/{release.ImageRepository}@{release.ImageDigest}", a.Image);
            Assert.Equal("hi", a.Env["GREETING"]);
            Assert.Equal(64, a.MemoryMb);
            Assert.Equal(("http", "/health"), (a.HealthCheck.Type, a.HealthCheck.Endpoint));
        });
        using var http = new HttpClient();
        using var manifest = new HttpRequestMessage(HttpMethod.Head, new Uri($"http://{_registry.Address}/v2/{release.ImageRepository}/manifests/{release.ImageDigest}"));
        manifest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _registry.Token);
        Assert.True((await http.SendAsync(manifest)).IsSuccessStatusCode, "the staged image is in the registry");
    }

    [Fact]
    public async Task Deploy_TwiceThenRollback_NewReleaseWithTheFirstImage()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        var first = await UploadApiTests.UploadAsync(Admin, "hello", SampleTar().Length, SampleTar());
        var v1 = (await DeployAsync("hello", first.PackageId, new AppSettings())).Single(p => p.ReleaseCreated is not null).ReleaseCreated;
        var changed = SampleTar(extraFile: ("www/version.txt", "2"));
        var second = await UploadApiTests.UploadAsync(Admin, "hello", changed.Length, changed);
        var v2 = (await DeployAsync("hello", second.PackageId, new AppSettings())).Single(p => p.ReleaseCreated is not null).ReleaseCreated;
        Assert.NotEqual(v1.ImageDigest, v2.ImageDigest);

        var rolledBack = await Admin.UnaryAsync(Methods.Rollback, new RollbackRequest { App = "hello" }, Deadline());

        Assert.Equal((3, "rollback to v1", v1.ImageDigest), (rolledBack.Release.Version, rolledBack.Release.Description, rolledBack.Release.ImageDigest));
        var releases = (await Admin.UnaryAsync(Methods.ListReleases, new ListReleasesRequest { App = "hello" }, Deadline())).Releases;
        Assert.Equal([3, 2, 1], releases.Select(r => r.Version));
        Assert.True(releases[0].Current);
        await Eventually.WaitAsync(
            () => GetAppAsync("hello"),
            d => d.Instances.Count == 1 && d.Instances[0].ReleaseVersion == 3 && d.Instances[0].State == InstanceState.Running,
            "the instance rolled to v3");
        Assert.EndsWith("@" + v1.ImageDigest, agent.Latest!.Assignments.Single().Image, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_ArchiveEscapingItsDirectory_InvalidArgumentNamingTheEntry()
    {
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, "../escape.sh") { DataStream = new MemoryStream("x"u8.ToArray()) };
            await writer.WriteEntryAsync(entry);
        }

        var bytes = tar.ToArray();
        var package = await UploadApiTests.UploadAsync(Admin, "hello", bytes.Length, bytes);

        var error = await Assert.ThrowsAsync<RpcException>(() => DeployAsync("hello", package.PackageId, new AppSettings()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("../escape.sh", error.Detail, StringComparison.Ordinal);
        var apps = await Admin.UnaryAsync(Methods.ListApps, new ListAppsRequest(), Deadline());
        Assert.Empty(apps.Apps);
    }

    private async Task<List<DeployProgress>> DeployAsync(string app, string packageId, AppSettings settings)
    {
        using var call = Admin.ServerStreaming(Methods.Deploy, new DeployRequest { App = app, PackageId = packageId, Settings = settings }, Deadline(180));
        var progress = new List<DeployProgress>();
        await foreach (var item in call.ResponseStream)
        {
            progress.Add(item);
        }

        return progress;
    }

    private static byte[] SampleTar((string Path, string Content)? extraFile = null)
    {
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "hello");
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(sample, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                writer.WriteEntry(file, Path.GetRelativePath(sample, file));
            }

            if (extraFile is { } extra)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, extra.Path) { DataStream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(extra.Content)) });
            }
        }

        return tar.ToArray();
    }
}
