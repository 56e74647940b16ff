using System.Net;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task NewServer_SameDataDirectory_ServesEverythingPushedBefore()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        byte[] manifest;
        string layerDigest;
        var layer = TestContent.RandomBytes(50_000);
        await using (var first = await RegistryTestServer.StartAsync(data))
        {
            using var registry = first.CreateRegistryClient();
            var config = TestContent.Config();
            await registry.PushBlobAsync("team/app", config);
            layerDigest = await registry.PushBlobAsync("team/app", layer);
            manifest = TestContent.ImageManifest(config, layer);
            using var put = await registry.PutManifestAsync("team/app", "v1", manifest);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        await using var second = await RegistryTestServer.StartAsync(data);
        using var client = second.CreateClient();

        using var byTag = await client.GetAsync("/v2/team/app/manifests/v1");
        Assert.Equal(manifest, await byTag.Content.ReadAsByteArrayAsync());
        using var byDigest = await client.GetAsync($"/v2/team/app/manifests/{TestContent.DigestOf(manifest)}");
        Assert.Equal(TestContent.OciManifest, byDigest.Content.Headers.ContentType?.MediaType);
        using var blob = await client.GetAsync($"/v2/team/app/blobs/{layerDigest}");
        Assert.Equal(layer, await blob.Content.ReadAsByteArrayAsync());
        using var tags = await client.GetAsync("/v2/team/app/tags/list");
        Assert.Equal("""{"name":"team/app","tags":["v1"]}""", await tags.Content.ReadAsStringAsync());
        using var catalog = await client.GetAsync("/v2/_catalog");
        Assert.Equal("""{"repositories":["team/app"]}""", await catalog.Content.ReadAsStringAsync());

        // Immutability is a property of the data, not of the process that wrote it.
        var otherConfig = TestContent.Config();
        using var registryAfter = second.CreateRegistryClient();
        await registryAfter.PushBlobAsync("team/app", otherConfig);
        using var conflict = await registryAfter.PutManifestAsync("team/app", "v1", TestContent.ImageManifest(otherConfig));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task ChunkedUpload_InterruptedByRestart_ResumesAndCompletes()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        var blob = TestContent.RandomBytes(300_000);
        string location;
        await using (var first = await RegistryTestServer.StartAsync(data))
        {
            using var client = first.CreateClient();
            using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
            var chunk = new ByteArrayContent(blob, 0, 120_000);
            chunk.Headers.TryAddWithoutValidation("Content-Range", "0-119999");
            using var patch = await client.PatchAsync(start.Headers.Location, chunk);
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
            location = patch.Headers.Location!.OriginalString;
        }

        await using var second = await RegistryTestServer.StartAsync(data);
        using var resumed = second.CreateClient();

        using var status = await resumed.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal("0-119999", Assert.Single(status.Headers.GetValues("Range")));
        var rest = new ByteArrayContent(blob, 120_000, blob.Length - 120_000);
        rest.Headers.TryAddWithoutValidation("Content-Range", $"120000-{blob.Length - 1}");
        using var complete = await resumed.PutAsync($"{location}?digest={TestContent.DigestOf(blob)}", rest);
        Assert.Equal(HttpStatusCode.Created, complete.StatusCode);
        using var get = await resumed.GetAsync($"/v2/team/app/blobs/{TestContent.DigestOf(blob)}");
        Assert.Equal(blob, await get.Content.ReadAsByteArrayAsync());
        Assert.Contains(second.Logs.Entries, e => e.EventId.Id == 19);
    }

    [Fact]
    public async Task Start_LeftoverTempFiles_RemovesThem()
    {
        using var temp = new TempDirectory();
        var data = temp.Sub("data");
        Directory.CreateDirectory(Path.Combine(data, "tmp"));
        var leftover = Path.Combine(data, "tmp", "interrupted.tmp");
        await File.WriteAllTextAsync(leftover, "half a tag");
        var halfUpload = Path.Combine(data, "uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(halfUpload);

        await using var server = await RegistryTestServer.StartAsync(data);

        Assert.False(File.Exists(leftover));
        Assert.False(Directory.Exists(halfUpload));
    }
}
