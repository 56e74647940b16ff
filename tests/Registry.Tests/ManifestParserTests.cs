using System.Text;
using MiniPaas.Registry.Manifests;
using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class ManifestParserTests
{
    [Fact]
    public void Parse_OciImageManifest_ReturnsConfigAndLayers()
    {
        var config = TestContent.Config();
        var layer = TestContent.RandomBytes(10);

        var parsed = ManifestParser.Parse(TestContent.ImageManifest(config, layer), TestContent.OciManifest);

        Assert.Equal(TestContent.OciManifest, parsed.MediaType);
        Assert.Equal(["config", "layers[0]"], parsed.Blobs.Select(b => b.Field));
        Assert.Equal(TestContent.DigestOf(layer), parsed.Blobs[1].Digest.ToString());
        Assert.Empty(parsed.Manifests);
    }

    [Fact]
    public void Parse_IndexWithoutContentType_UsesBodyMediaType()
    {
        var child = TestContent.ImageManifest(TestContent.Config());

        var parsed = ManifestParser.Parse(TestContent.Index(child), "application/json; charset=utf-8");

        Assert.Equal(TestContent.OciIndex, parsed.MediaType);
        Assert.Equal(TestContent.DigestOf(child), Assert.Single(parsed.Manifests).Digest.ToString());
    }

    [Fact]
    public void Parse_ForeignLayerWithUrls_MarksIt()
    {
        var json = $$"""
            {"schemaVersion":2,"mediaType":"{{TestContent.DockerManifest}}",
             "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"{{TestContent.DigestOf([1])}}","size":1},
             "layers":[{"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip","digest":"{{TestContent.DigestOf([2])}}","size":1,"urls":["https://example.invalid/layer"]}]}
            """;

        var parsed = ManifestParser.Parse(Encoding.UTF8.GetBytes(json), null);

        Assert.False(parsed.Blobs[0].HasUrls);
        Assert.True(parsed.Blobs[1].HasUrls);
    }

    [Theory]
    [InlineData("""{"schemaVersion":2}""", null, "cannot tell the manifest type")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v1+prettyjws"}""", null, "schema 1")]
    [InlineData("""{"schemaVersion":2,"mediaType":"text/plain"}""", null, "not supported")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json"}""", null, "manifests must be an array")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"x","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":-1},"layers":[]}""", null, "config.size")]
    [InlineData("""{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":"sha256:0000000000000000000000000000000000000000000000000000000000000000","size":1},"layers":[]}""", null, "config.mediaType")]
    public void Parse_Invalid_ThrowsManifestInvalidNamingTheProblem(string json, string? contentType, string expectedMessagePart)
    {
        var error = Assert.Throws<RegistryException>(() => ManifestParser.Parse(Encoding.UTF8.GetBytes(json), contentType));

        Assert.Equal(RegistryErrorCode.ManifestInvalid, error.Code);
        Assert.Contains(expectedMessagePart, error.Message, StringComparison.Ordinal);
    }
}
