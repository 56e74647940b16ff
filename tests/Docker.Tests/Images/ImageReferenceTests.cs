using MiniPaas.Docker.Images;

namespace MiniPaas.Docker.Tests.Images;

public sealed class ImageReferenceTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("busybox", "busybox", "latest")]
    [InlineData("busybox:1.36", "busybox", "1.36")]
    [InlineData("127.0.0.1:5000/team/app", "127.0.0.1:5000/team/app", "latest")]
    [InlineData("127.0.0.1:5000/team/app:v2", "127.0.0.1:5000/team/app", "v2")]
    [InlineData("127.0.0.1:5000/team/app@" + Digest, "127.0.0.1:5000/team/app", Digest)]
    [InlineData("127.0.0.1:5000/team/app:v2@" + Digest, "127.0.0.1:5000/team/app", Digest)]
    public void Parse_ValidReference_SplitsRepositoryAndTagOrDigest(string image, string repository, string tagOrDigest)
    {
        var reference = ImageReference.Parse(image, "image");

        Assert.Equal(new ImageReference(repository, tagOrDigest), reference);
    }

    [Theory]
    [InlineData("app@sha256:xyz", "digest")]
    [InlineData("app:bad/tag:", "tag")]
    [InlineData("../etc/passwd", "repository")]
    [InlineData("app?x=1", "repository")]
    public void Parse_MalformedReference_ThrowsArgumentExceptionNamingThePart(string image, string part)
    {
        var error = Assert.Throws<ArgumentException>(() => ImageReference.Parse(image, "image"));

        Assert.Contains(part, error.Message);
        Assert.Contains(image, error.Message);
        Assert.Equal("image", error.ParamName);
    }

    [Fact]
    public void Parse_Blank_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ImageReference.Parse("  ", "image"));
    }
}
