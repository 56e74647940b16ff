using System.Net;
using System.Security.Cryptography;
using System.Text;
using MiniPaas.Staging.Tests.Fixtures;

namespace MiniPaas.Staging.Tests.Registry;

/// <summary>RegistryClient against Debian's reference registry, a separate OCI implementation.</summary>
[Collection(StagingCollection.Name)]
public sealed class RegistryClientTests(StagingFixture fixture)
{
    private const string Repository = "client-tests/blobs";

    private RegistryClient Client => fixture.RegistryClient;

    [Fact]
    public async Task PushBlobAsync_NewBlob_BlobExistsAfterwards()
    {
        var content = RandomNumberGenerator.GetBytes(70_000);
        var digest = DigestOf(content);

        Assert.False(await Client.BlobExistsAsync(Repository, digest));
        await Client.PushBlobAsync(Repository, digest, new MemoryStream(content), content.Length);

        Assert.True(await Client.BlobExistsAsync(Repository, digest));
        Assert.Equal(content, await Client.GetBlobAsync(Repository, digest));
    }

    [Fact]
    public async Task PushBlobAsync_WrongDigest_ThrowsRegistryExceptionWithOciCode()
    {
        var content = Encoding.UTF8.GetBytes("the bytes");
        var wrongDigest = DigestOf(Encoding.UTF8.GetBytes("other bytes"));

        var error = await Assert.ThrowsAsync<RegistryException>(() => Client.PushBlobAsync(Repository, wrongDigest, new MemoryStream(content), content.Length));

        Assert.Equal("DIGEST_INVALID", error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task PushManifestAsync_LayersMissing_ThrowsManifestBlobUnknown()
    {
        var missing = DigestOf(RandomNumberGenerator.GetBytes(32));
        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
             "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{missing}}","size":2},
             "layers":[]}
            """);

        var error = await Assert.ThrowsAsync<RegistryException>(() => Client.PushManifestAsync("client-tests/manifests", "broken", manifest, RegistryClient.OciManifestMediaType));

        Assert.Equal("MANIFEST_BLOB_UNKNOWN", error.Code);
        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public async Task PushManifestAsync_ValidManifest_ReturnsDigestAndRoundTripsByTagAndDigest()
    {
        const string repository = "client-tests/manifests";
        var config = Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}""");
        var configDigest = DigestOf(config);
        await Client.PushBlobAsync(repository, configDigest, new MemoryStream(config), config.Length);
        var manifest = Encoding.UTF8.GetBytes($$"""
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{configDigest}}","size":{{config.Length}}},"layers":[]}
            """);

        var digest = await Client.PushManifestAsync(repository, "v1", manifest, RegistryClient.OciManifestMediaType);

        Assert.Equal(DigestOf(manifest), digest);
        Assert.Equal(manifest, await Client.GetManifestAsync(repository, "v1"));
        Assert.Equal(manifest, await Client.GetManifestAsync(repository, digest));
    }

    [Fact]
    public async Task MountBlobAsync_BlobInOtherRepository_LinksItWithoutUpload()
    {
        var content = RandomNumberGenerator.GetBytes(4096);
        var digest = DigestOf(content);
        await Client.PushBlobAsync("client-tests/mount-source", digest, new MemoryStream(content), content.Length);

        var mounted = await Client.MountBlobAsync("client-tests/mount-target", digest, "client-tests/mount-source");

        Assert.True(mounted);
        Assert.Equal(content, await Client.GetBlobAsync("client-tests/mount-target", digest));
    }

    [Fact]
    public async Task MountBlobAsync_SourceLacksBlob_ReturnsFalse()
    {
        var digest = DigestOf(RandomNumberGenerator.GetBytes(64));

        var mounted = await Client.MountBlobAsync("client-tests/mount-target", digest, "client-tests/empty-source");

        Assert.False(mounted);
        Assert.False(await Client.BlobExistsAsync("client-tests/mount-target", digest));
    }

    [Fact]
    public async Task GetManifestAsync_UnknownTag_ThrowsManifestUnknown()
    {
        var error = await Assert.ThrowsAsync<RegistryException>(() => Client.GetManifestAsync("client-tests/manifests", "no-such-tag"));

        Assert.Equal("MANIFEST_UNKNOWN", error.Code);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task BlobExistsAsync_NothingListening_ThrowsUnreachable()
    {
        var client = new RegistryClient(fixture.Http, new RegistryClientOptions { BaseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/") });

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.BlobExistsAsync("any", DigestOf([1])));

        Assert.Equal("UNREACHABLE", error.Code);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task PushBlobAsync_RegistryRequiringToken_SendsTokenAsBasicCredentials()
    {
        // bcrypt of "staging-test-token" for user "x": the reference registry's htpasswd auth.
        await using var secured = await ReferenceRegistry.StartAsync("x:$2a$04$5o1uTOCAjhzgr5.p3Lnpw.ihTjutM6snFh0tPYgyi8up81w9ogR62");
        var content = Encoding.UTF8.GetBytes("guarded");
        var digest = DigestOf(content);
        var anonymous = new RegistryClient(fixture.Http, new RegistryClientOptions { BaseAddress = secured.BaseAddress });
        var withToken = new RegistryClient(fixture.Http, new RegistryClientOptions { BaseAddress = secured.BaseAddress, Token = "staging-test-token" });

        var refused = await Assert.ThrowsAsync<RegistryException>(() => anonymous.PushBlobAsync("secured", digest, new MemoryStream(content), content.Length));
        await withToken.PushBlobAsync("secured", digest, new MemoryStream(content), content.Length);

        Assert.Equal("UNAUTHORIZED", refused.Code);
        Assert.True(await withToken.BlobExistsAsync("secured", digest));
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("bad..name")]
    [InlineData("")]
    public async Task BlobExistsAsync_InvalidRepositoryName_ThrowsArgumentExceptionNamingIt(string repository)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.BlobExistsAsync(repository, DigestOf([1])));

        Assert.Contains($"'{repository}'", error.Message);
    }

    private static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
