using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Tests;

public sealed class DigestTests
{
    private const string Hex = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    [Fact]
    public void TryParse_ValidSha256_RoundTrips()
    {
        Assert.True(Digest.TryParse("sha256:" + Hex, out var digest));
        Assert.Equal(Hex, digest.Hex);
        Assert.Equal("sha256:" + Hex, digest.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256:")]
    [InlineData("sha512:" + Hex)]
    [InlineData("sha256:" + "2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824")]
    [InlineData("sha256:" + Hex + "0")]
    [InlineData("sha256:../../../../etc/passwd")]
    public void TryParse_Invalid_ReturnsFalse(string? value)
    {
        Assert.False(Digest.TryParse(value, out _));
    }

    [Fact]
    public void Parse_Invalid_ThrowsDigestInvalidQuotingValue()
    {
        var error = Assert.Throws<RegistryException>(() => Digest.Parse("md5:x", "digest parameter"));

        Assert.Equal(RegistryErrorCode.DigestInvalid, error.Code);
        Assert.Contains("digest parameter \"md5:x\"", error.Message, StringComparison.Ordinal);
    }
}
