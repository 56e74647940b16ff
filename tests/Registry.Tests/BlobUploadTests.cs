using System.Net;
using System.Net.Http.Headers;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class BlobUploadTests
{
    [Fact]
    public async Task PostWithDigest_MonolithicBody_Returns201AndBlobIsServed()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();
        var blob = TestContent.RandomBytes(300_000);
        var digest = TestContent.DigestOf(blob);

        using var push = await client.PostAsync($"/v2/team/app/blobs/uploads/?digest={digest}", new ByteArrayContent(blob));

        Assert.Equal(HttpStatusCode.Created, push.StatusCode);
        Assert.Equal($"/v2/team/app/blobs/{digest}", push.Headers.Location?.OriginalString);
        Assert.Equal(digest, Assert.Single(push.Headers.GetValues("Docker-Content-Digest")));

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(blob.Length, head.Content.Headers.ContentLength);
        Assert.Equal("application/octet-stream", head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(digest, Assert.Single(head.Headers.GetValues("Docker-Content-Digest")));

        using var get = await client.GetAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(blob, await get.Content.ReadAsByteArrayAsync());

        var stored = Path.Combine(server.DataDirectory, "blobs", "sha256", digest[7..9], digest[7..]);
        Assert.Equal(blob, await File.ReadAllBytesAsync(stored));
    }

    [Fact]
    public async Task PostPatchPut_ChunksInOrder_Returns201AndStoresConcatenation()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();
        var blob = TestContent.RandomBytes(250_000);
        var digest = TestContent.DigestOf(blob);

        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        Assert.Equal("0-0", Assert.Single(start.Headers.GetValues("Range")));
        var uuid = Assert.Single(start.Headers.GetValues("Docker-Upload-UUID"));
        var location = start.Headers.Location!.OriginalString;
        Assert.EndsWith(uuid, location, StringComparison.Ordinal);

        foreach (var (offset, length) in new[] { (0, 100_000), (100_000, 100_000), (200_000, 50_000) })
        {
            var chunk = new ByteArrayContent(blob, offset, length);
            chunk.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + length - 1}");
            using var patch = await client.PatchAsync(location, chunk);
            Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
            Assert.Equal($"0-{offset + length - 1}", Assert.Single(patch.Headers.GetValues("Range")));
            location = patch.Headers.Location!.OriginalString;
        }

        using var status = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
        Assert.Equal($"0-{blob.Length - 1}", Assert.Single(status.Headers.GetValues("Range")));

        using var complete = await client.PutAsync($"{location}?digest={digest}", null);
        Assert.Equal(HttpStatusCode.Created, complete.StatusCode);

        using var get = await client.GetAsync($"/v2/team/app/blobs/{digest}");
        Assert.Equal(blob, await get.Content.ReadAsByteArrayAsync());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(server.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task Patch_StreamedWithoutLengthOrRange_AppendsWholeBody()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();
        var blob = TestContent.RandomBytes(1_000_000);
        var digest = TestContent.DigestOf(blob);

        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        using var patch = await client.PatchAsync(start.Headers.Location, new UnknownLengthContent(blob));
        Assert.Equal(HttpStatusCode.Accepted, patch.StatusCode);
        using var complete = await client.PutAsync($"{patch.Headers.Location!.OriginalString}?digest={digest}", null);

        Assert.Equal(HttpStatusCode.Created, complete.StatusCode);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/blobs/{digest}"));
        Assert.Equal(blob.Length, head.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task Patch_ChunkOutOfOrder_Returns416WithCurrentRange()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        var location = start.Headers.Location!.OriginalString;
        var first = new ByteArrayContent(new byte[10]);
        first.Headers.TryAddWithoutValidation("Content-Range", "0-9");
        using var ok = await client.PatchAsync(location, first);
        Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);

        var skipped = new ByteArrayContent(new byte[10]);
        skipped.Headers.TryAddWithoutValidation("Content-Range", "20-29");
        using var refused = await client.PatchAsync(location, skipped);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, refused.StatusCode);
        Assert.Equal("0-9", Assert.Single(refused.Headers.GetValues("Range")));
        var error = await RegistryClient.ReadErrorAsync(refused);
        Assert.Equal("BLOB_UPLOAD_INVALID", error.Code);
        Assert.Contains("starts at byte 20", error.Message, StringComparison.Ordinal);
        using var status = await client.GetAsync(location);
        Assert.Equal("0-9", Assert.Single(status.Headers.GetValues("Range")));
    }

    [Fact]
    public async Task Put_DigestMismatch_Returns400DigestInvalidAndStoresNothing()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();
        var blob = TestContent.RandomBytes(5000);
        var claimed = TestContent.DigestOf(TestContent.RandomBytes(10));

        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        using var put = await client.PutAsync($"{start.Headers.Location!.OriginalString}?digest={claimed}", new ByteArrayContent(blob));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(put);
        Assert.Equal("DIGEST_INVALID", error.Code);
        Assert.Contains(claimed, error.Message, StringComparison.Ordinal);
        Assert.Contains(TestContent.DigestOf(blob), error.Message, StringComparison.Ordinal);

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(server.DataDirectory, "uploads")));
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/blobs/{claimed}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using var status = await client.GetAsync(start.Headers.Location);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", (await RegistryClient.ReadErrorAsync(status)).Code);
    }

    [Fact]
    public async Task PostWithDigest_Mismatch_Returns400AndStoresNothing()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();
        var claimed = TestContent.DigestOf(TestContent.RandomBytes(10));

        using var push = await client.PostAsync($"/v2/team/app/blobs/uploads/?digest={claimed}", new ByteArrayContent(TestContent.RandomBytes(100)));

        Assert.Equal(HttpStatusCode.BadRequest, push.StatusCode);
        Assert.Equal("DIGEST_INVALID", (await RegistryClient.ReadErrorAsync(push)).Code);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(server.DataDirectory, "uploads")));
    }

    [Fact]
    public async Task PostWithDigest_ClientDiesMidBody_LeavesNoUploadBehind()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();
        var uploads = Path.Combine(server.DataDirectory, "uploads");

        await Assert.ThrowsAnyAsync<Exception>(() =>
            client.PostAsync($"/v2/team/app/blobs/uploads/?digest={TestContent.DigestOf([1])}", new AbortingContent(64 * 1024)));

        await Eventually.WaitUntilAsync(() => server.Logs.Entries.Any(e => e.EventId.Id == 6), TimeSpan.FromSeconds(10), "the upload to start");
        await Eventually.WaitUntilAsync(() => !Directory.EnumerateFileSystemEntries(uploads).Any(), TimeSpan.FromSeconds(10), "the orphaned upload to be removed");
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(server.DataDirectory, "blobs"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Put_WithoutDigest_Returns400AndKeepsUpload()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        using var put = await client.PutAsync(start.Headers.Location, new ByteArrayContent([1, 2, 3]));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(put);
        Assert.Equal("DIGEST_INVALID", error.Code);
        Assert.Contains("digest query parameter is missing", error.Message, StringComparison.Ordinal);
        using var status = await client.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.NoContent, status.StatusCode);
    }

    [Fact]
    public async Task Delete_Upload_CancelsAndForgetsIt()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        using var patch = await client.PatchAsync(start.Headers.Location, new ByteArrayContent(new byte[1000]));
        using var cancel = await client.DeleteAsync(start.Headers.Location);

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(server.DataDirectory, "uploads")));
        using var status = await client.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", (await RegistryClient.ReadErrorAsync(status)).Code);
    }

    [Fact]
    public async Task Patch_UploadOfOtherRepository_Returns404UploadUnknown()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var start = await client.PostAsync("/v2/team/app/blobs/uploads/", null);
        var uuid = Assert.Single(start.Headers.GetValues("Docker-Upload-UUID"));
        using var patch = await client.PatchAsync($"/v2/team/other/blobs/uploads/{uuid}", new ByteArrayContent([1]));

        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        Assert.Equal("BLOB_UPLOAD_UNKNOWN", (await RegistryClient.ReadErrorAsync(patch)).Code);
    }

    [Fact]
    public async Task PostMount_BlobInSourceRepository_Returns201AndLinksBlob()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var digest = await registry.PushBlobAsync("team/base", TestContent.RandomBytes(2000));

        using var mount = await registry.Http.PostAsync($"/v2/team/app/blobs/uploads/?mount={digest}&from=team/base", null);

        Assert.Equal(HttpStatusCode.Created, mount.StatusCode);
        Assert.Equal($"/v2/team/app/blobs/{digest}", mount.Headers.Location?.OriginalString);
        using var head = await registry.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 12);
    }

    [Fact]
    public async Task PostMount_BlobUnknownInSource_Returns202NewUpload()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var digest = await registry.PushBlobAsync("team/base", TestContent.RandomBytes(2000));

        using var mount = await registry.Http.PostAsync($"/v2/team/app/blobs/uploads/?mount={digest}&from=team/elsewhere", null);

        Assert.Equal(HttpStatusCode.Accepted, mount.StatusCode);
        Assert.Single(mount.Headers.GetValues("Docker-Upload-UUID"));
        using var head = await registry.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }

    [Fact]
    public async Task GetBlob_UnknownDigest_Returns404BlobUnknown()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var response = await client.GetAsync($"/v2/team/app/blobs/{TestContent.DigestOf([1, 2, 3])}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("BLOB_UNKNOWN", (await RegistryClient.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task GetBlob_PushedToOtherRepository_Returns404BlobUnknown()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var digest = await registry.PushBlobAsync("team/base", TestContent.RandomBytes(100));

        using var response = await registry.Http.GetAsync($"/v2/team/app/blobs/{digest}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetBlob_MalformedDigest_Returns400DigestInvalid()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/v2/team/app/blobs/sha256:ABC");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("DIGEST_INVALID", (await RegistryClient.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task GetBlob_WithRange_Returns206WithSlice()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var blob = TestContent.RandomBytes(10_000);
        var digest = await registry.PushBlobAsync("team/app", blob);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/team/app/blobs/{digest}");
        request.Headers.Range = new RangeHeaderValue(1000, 1999);
        using var response = await registry.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(blob[1000..2000], await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task DeleteBlob_DeleteDisabled_Returns405Unsupported()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var digest = await registry.PushBlobAsync("team/app", TestContent.RandomBytes(100));

        using var response = await registry.Http.DeleteAsync($"/v2/team/app/blobs/{digest}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(response);
        Assert.Equal("UNSUPPORTED", error.Code);
        Assert.Contains("AllowDelete", error.Message, StringComparison.Ordinal);
        using var head = await registry.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task DeleteBlob_DeleteAllowed_Returns202AndBlobIsGoneFromRepository()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.AllowDelete = true);
        using var registry = server.CreateRegistryClient();
        var digest = await registry.PushBlobAsync("team/app", TestContent.RandomBytes(100));

        using var response = await registry.Http.DeleteAsync($"/v2/team/app/blobs/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var head = await registry.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/blobs/{digest}"));
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
    }
}
