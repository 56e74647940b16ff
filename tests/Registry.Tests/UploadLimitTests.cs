using System.Net;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class UploadLimitTests
{
    private const long Limit = 100_000;

    [Fact]
    public async Task PostWithDigest_ContentLengthOverLimit_Returns413AndLeavesNoFile()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.MaxUploadBytes = Limit);
        using var client = server.CreateClient();
        var blob = TestContent.RandomBytes(200_000);

        using var response = await client.PostAsync($"/v2/team/app/blobs/uploads/?digest={TestContent.DigestOf(blob)}", new ByteArrayContent(blob));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(response);
        Assert.Equal("SIZE_INVALID", error.Code);
        Assert.Contains("Registry:MaxUploadBytes", error.Message, StringComparison.Ordinal);
        AssertNothingStored(server);
    }

    [Fact]
    public async Task Patch_StreamedBodyOverLimit_Returns413AndLeavesNoFile()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.MaxUploadBytes = Limit);
        using var client = server.CreateClient();

        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        using var patch = await client.PatchAsync(start.Headers.Location, new UnknownLengthContent(TestContent.RandomBytes(1_000_000), writeSize: 16 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, patch.StatusCode);
        Assert.Equal("SIZE_INVALID", (await RegistryClient.ReadErrorAsync(patch)).Code);
        AssertNothingStored(server);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 9);
        using var status = await client.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    [Fact]
    public async Task Patch_ChunksTogetherOverLimit_Returns413OnTheChunkThatCrossesIt()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.MaxUploadBytes = Limit);
        using var client = server.CreateClient();

        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        using var first = await client.PatchAsync(start.Headers.Location, new ByteArrayContent(new byte[60_000]));
        using var second = await client.PatchAsync(start.Headers.Location, new ByteArrayContent(new byte[60_000]));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
        AssertNothingStored(server);
    }

    [Fact]
    public async Task PostWithDigest_ExactlyAtLimit_Returns201()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.MaxUploadBytes = Limit);
        using var registry = server.CreateRegistryClient();

        await registry.PushBlobAsync("team/app", TestContent.RandomBytes((int)Limit));
    }

    private static void AssertNothingStored(RegistryTestServer server)
    {
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(server.DataDirectory, "uploads")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(server.DataDirectory, "tmp")));
    }
}
