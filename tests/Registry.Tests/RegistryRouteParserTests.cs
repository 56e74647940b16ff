using MiniPaas.Registry.Hosting;
using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Tests;

public sealed class RegistryRouteParserTests
{
    [Theory]
    [InlineData("/v2", nameof(RegistryRouteKind.Base), "", "")]
    [InlineData("/v2/", nameof(RegistryRouteKind.Base), "", "")]
    [InlineData("/v2/_catalog", nameof(RegistryRouteKind.Catalog), "", "")]
    [InlineData("/v2/a/b/c/tags/list", nameof(RegistryRouteKind.TagList), "a/b/c", "")]
    [InlineData("/v2/app/manifests/latest", nameof(RegistryRouteKind.Manifest), "app", "latest")]
    [InlineData("/v2/team/app/blobs/sha256:abc", nameof(RegistryRouteKind.Blob), "team/app", "sha256:abc")]
    [InlineData("/v2/team/app/blobs/uploads/", nameof(RegistryRouteKind.UploadStart), "team/app", "")]
    [InlineData("/v2/team/app/blobs/uploads", nameof(RegistryRouteKind.UploadStart), "team/app", "")]
    [InlineData("/v2/team/app/blobs/uploads/0123", nameof(RegistryRouteKind.Upload), "team/app", "0123")]
    [InlineData("/v2/blobs/blobs/uploads/", nameof(RegistryRouteKind.UploadStart), "blobs", "")]
    [InlineData("/v2/manifests/manifests/tags", nameof(RegistryRouteKind.Manifest), "manifests", "tags")]
    [InlineData("/v2/app/unknown/thing", nameof(RegistryRouteKind.Unknown), "", "")]
    [InlineData("/v2x", nameof(RegistryRouteKind.Unknown), "", "")]
    public void Parse_Path_ReturnsRoute(string path, string kind, string repository, string reference)
    {
        var route = RegistryRouteParser.Parse(path);

        Assert.Equal(new RegistryRoute(Enum.Parse<RegistryRouteKind>(kind), repository, reference), route);
    }

    [Fact]
    public void Parse_InvalidName_ThrowsNameInvalid()
    {
        var error = Assert.Throws<RegistryException>(() => RegistryRouteParser.Parse("/v2/App/manifests/latest"));

        Assert.Equal(RegistryErrorCode.NameInvalid, error.Code);
        Assert.Equal(400, error.StatusCode);
    }
}
