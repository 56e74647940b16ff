using System.Net;
using System.Text;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class ManifestTests
{
    [Fact]
    public async Task PutManifest_ReferencedLayerMissing_Returns400ManifestBlobUnknownAndStoresNothing()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var config = TestContent.Config();
        var missingLayer = TestContent.RandomBytes(100);
        await registry.PushBlobAsync("team/app", config);
        var manifest = TestContent.ImageManifest(config, missingLayer);

        using var response = await registry.PutManifestAsync("team/app", "v1", manifest);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(response);
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", error.Code);
        Assert.Contains(TestContent.DigestOf(missingLayer), error.Message, StringComparison.Ordinal);
        Assert.Contains("layers[0]", error.Message, StringComparison.Ordinal);
        using var get = await registry.Http.GetAsync("/v2/team/app/manifests/v1");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        using var byDigest = await registry.Http.GetAsync($"/v2/team/app/manifests/{TestContent.DigestOf(manifest)}");
        Assert.Equal(HttpStatusCode.NotFound, byDigest.StatusCode);
    }

    [Fact]
    public async Task PutManifest_ConfigMissing_Returns400ManifestBlobUnknown()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var layer = TestContent.RandomBytes(100);
        await registry.PushBlobAsync("team/app", layer);

        using var response = await registry.PutManifestAsync("team/app", "v1", TestContent.ImageManifest(TestContent.Config(), layer));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(response);
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", error.Code);
        Assert.Contains("config", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutManifest_DescriptorSizeWrong_Returns400ManifestInvalid()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var config = TestContent.Config();
        var layer = TestContent.RandomBytes(100);
        await registry.PushBlobAsync("team/app", config);
        await registry.PushBlobAsync("team/app", layer);
        var manifest = TestContent.ImageManifest(
            TestContent.OciManifest,
            (TestContent.OciConfig, TestContent.DigestOf(config), config.Length),
            (TestContent.OciLayer, TestContent.DigestOf(layer), 99));

        using var response = await registry.PutManifestAsync("team/app", "v1", manifest);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MANIFEST_INVALID", (await RegistryClient.ReadErrorAsync(response)).Code);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"schemaVersion":1}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]}""")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"x","digest":"sha256:nothex","size":1},"layers":[]}""")]
    public async Task PutManifest_Malformed_Returns400ManifestInvalid(string body)
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();

        using var response = await registry.PutManifestAsync("team/app", "v1", Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MANIFEST_INVALID", (await RegistryClient.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task PutManifest_ContentTypeDisagreesWithMediaType_Returns400ManifestInvalid()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var manifest = TestContent.ImageManifest(TestContent.Config());

        using var response = await registry.PutManifestAsync("team/app", "v1", manifest, TestContent.DockerManifest);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(response);
        Assert.Equal("MANIFEST_INVALID", error.Code);
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetManifest_ByTagAndByDigest_ReturnsExactBytesWithStoredType()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var config = TestContent.Config();
        var layer = TestContent.RandomBytes(1000);
        await registry.PushBlobAsync("team/app", config);
        await registry.PushBlobAsync("team/app", layer);
        var manifest = TestContent.ImageManifest(
            TestContent.DockerManifest,
            ("application/vnd.docker.container.image.v1+json", TestContent.DigestOf(config), config.Length),
            ("application/vnd.docker.image.rootfs.diff.tar.gzip", TestContent.DigestOf(layer), layer.Length));
        var digest = TestContent.DigestOf(manifest);

        using var put = await registry.PutManifestAsync("team/app", "v1", manifest, TestContent.DockerManifest);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal(digest, Assert.Single(put.Headers.GetValues("Docker-Content-Digest")));
        Assert.Equal($"/v2/team/app/manifests/{digest}", put.Headers.Location?.OriginalString);

        foreach (var reference in new[] { "v1", digest })
        {
            using var get = await registry.Http.GetAsync($"/v2/team/app/manifests/{reference}");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(TestContent.DockerManifest, get.Content.Headers.ContentType?.MediaType);
            Assert.Equal(digest, Assert.Single(get.Headers.GetValues("Docker-Content-Digest")));
            Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());

            using var head = await registry.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/team/app/manifests/{reference}"));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Equal(manifest.Length, head.Content.Headers.ContentLength);
            Assert.Equal(digest, Assert.Single(head.Headers.GetValues("Docker-Content-Digest")));
        }
    }

    [Fact]
    public async Task PutManifest_ByDigestReference_StoresWithoutTag()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var config = TestContent.Config();
        await registry.PushBlobAsync("team/app", config);
        var manifest = TestContent.ImageManifest(config);
        var digest = TestContent.DigestOf(manifest);

        using var put = await registry.PutManifestAsync("team/app", digest, manifest);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var get = await registry.Http.GetAsync($"/v2/team/app/manifests/{digest}");
        Assert.Equal(manifest, await get.Content.ReadAsByteArrayAsync());
        using var tags = await registry.Http.GetAsync("/v2/team/app/tags/list");
        Assert.Equal("""{"name":"team/app","tags":[]}""", await tags.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PutManifest_DigestReferenceDoesNotMatchBody_Returns400DigestInvalid()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var config = TestContent.Config();
        await registry.PushBlobAsync("team/app", config);

        using var put = await registry.PutManifestAsync("team/app", TestContent.DigestOf([9]), TestContent.ImageManifest(config));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("DIGEST_INVALID", (await RegistryClient.ReadErrorAsync(put)).Code);
    }

    [Fact]
    public async Task PutIndex_ChildrenPresent_Returns201AndServesIndex()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var amd64 = await registry.PushImageAsync("team/app", "amd64");
        var arm64 = await registry.PushImageAsync("team/app", "arm64");
        var index = TestContent.Index(amd64, arm64);

        using var put = await registry.PutManifestAsync("team/app", "multi", index, TestContent.OciIndex);

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        using var get = await registry.Http.GetAsync("/v2/team/app/manifests/multi");
        Assert.Equal(TestContent.OciIndex, get.Content.Headers.ContentType?.MediaType);
        Assert.Equal(index, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task PutIndex_ChildManifestMissing_Returns400ManifestBlobUnknown()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var present = await registry.PushImageAsync("team/app", "amd64");
        var absent = TestContent.ImageManifest(TestContent.Config());

        using var put = await registry.PutManifestAsync("team/app", "multi", TestContent.Index(present, absent), TestContent.OciIndex);

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(put);
        Assert.Equal("MANIFEST_BLOB_UNKNOWN", error.Code);
        Assert.Contains("manifests[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetManifest_UnknownTag_Returns404ManifestUnknown()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        await registry.PushImageAsync("team/app", "v1");

        using var response = await registry.Http.GetAsync("/v2/team/app/manifests/v2");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", (await RegistryClient.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task DeleteManifest_DeleteDisabled_Returns405AndManifestStays()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var manifest = await registry.PushImageAsync("team/app", "v1");

        using var response = await registry.Http.DeleteAsync($"/v2/team/app/manifests/{TestContent.DigestOf(manifest)}");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("UNSUPPORTED", (await RegistryClient.ReadErrorAsync(response)).Code);
        using var get = await registry.Http.GetAsync("/v2/team/app/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task DeleteManifest_DeleteAllowed_RemovesManifestAndItsTags()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.AllowDelete = true);
        using var registry = server.CreateRegistryClient();
        var manifest = await registry.PushImageAsync("team/app", "v1");
        var digest = TestContent.DigestOf(manifest);

        using var response = await registry.Http.DeleteAsync($"/v2/team/app/manifests/{digest}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var byDigest = await registry.Http.GetAsync($"/v2/team/app/manifests/{digest}");
        Assert.Equal(HttpStatusCode.NotFound, byDigest.StatusCode);
        using var byTag = await registry.Http.GetAsync("/v2/team/app/manifests/v1");
        Assert.Equal(HttpStatusCode.NotFound, byTag.StatusCode);
    }
}
