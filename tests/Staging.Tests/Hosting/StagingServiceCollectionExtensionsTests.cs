using System.Formats.Tar;
using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using MiniPaas.Staging.Tests.Fixtures;

namespace MiniPaas.Staging.Tests.Hosting;

[Collection(StagingCollection.Name)]
public sealed class StagingServiceCollectionExtensionsTests(StagingFixture fixture) : IDisposable
{
    private readonly TemporaryDirectory _scratch = new();

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task AddStaging_UploadedTarball_ExtractsAndStagesToSameDigestAsTheDirectory()
    {
        var services = new ServiceCollection()
            .AddStaging(
                registry => registry.BaseAddress = fixture.Registry.BaseAddress,
                staging =>
                {
                    staging.CacheDirectory = fixture.Options.CacheDirectory;
                    staging.WorkDirectory = _scratch.Combine("work");
                    staging.MaxAppBytes = 10 * 1024 * 1024;
                });
        await using var provider = services.BuildServiceProvider();

        // What the CLI sends: the app directory as a gzip tar stream.
        var upload = new MemoryStream();
        await using (var gzip = new GZipStream(upload, CompressionLevel.Fastest, leaveOpen: true))
        {
            await TarFile.CreateFromDirectoryAsync(RepositoryPaths.Sample("hello"), gzip, includeBaseDirectory: false);
        }

        upload.Position = 0;
        var extracted = _scratch.Combine("extracted");
        var archive = provider.GetRequiredService<AppArchive>();
        await archive.ExtractAsync(upload, extracted);
        var fromUpload = await provider.GetRequiredService<Stager>().StageAsync(new StagingRequest { AppName = "uploaded", SourceDirectory = extracted }, new RecordingProgress());

        var direct = _scratch.Combine("direct");
        RepositoryPaths.CopyTree(RepositoryPaths.Sample("hello"), direct);
        var fromDirectory = await fixture.Stager.StageAsync(new StagingRequest { AppName = "uploaded", SourceDirectory = direct }, new RecordingProgress());

        Assert.Equal(10 * 1024 * 1024, archive.MaxBytes);
        Assert.Equal(fromDirectory.ManifestDigest, fromUpload.ManifestDigest);
    }
}
