using MiniPaas.Router.Routing;

namespace MiniPaas.Router.Tests.Units;

public sealed class HostNamesTests
{
    [Theory]
    [InlineData("hello.localhost", "", "hello.localhost", "")]
    [InlineData("  Hello.LOCALHOST  ", "", "hello.localhost", "")]
    [InlineData("hello.localhost:8080", "", "hello.localhost", "")]
    [InlineData("hello.localhost.", "/", "hello.localhost", "")]
    [InlineData("api.localhost/v2", "", "api.localhost", "/v2")]
    [InlineData("api.localhost", "v2/", "api.localhost", "/v2")]
    [InlineData("api.localhost", "/v2/users//", "api.localhost", "/v2/users")]
    [InlineData("my_app-1.example.test", "/a%20b", "my_app-1.example.test", "/a%20b")]
    [InlineData("127.0.0.1", "", "127.0.0.1", "")]
    public void TryNormalizeMatch_ValidInput_IsNormalized(string host, string prefix, string expectedHost, string expectedPrefix)
    {
        Assert.True(HostNames.TryNormalizeMatch(host, prefix, out var normalizedHost, out var normalizedPrefix, out var error), error);
        Assert.Equal(expectedHost, normalizedHost);
        Assert.Equal(expectedPrefix, normalizedPrefix);
    }

    [Theory]
    [InlineData("", "", "is empty")]
    [InlineData("bad host", "", "not a valid host name")]
    [InlineData("-bad.localhost", "", "not a valid host name")]
    [InlineData("a..b", "", "not a valid host name")]
    [InlineData("host:port", "", "not a host name")]
    [InlineData("[::1]:80", "", "not a host name")]
    [InlineData("api.localhost/v2", "/v3", "path_prefix \"/v3\" is set too")]
    [InlineData("api.localhost", "/v2/{id}", "contains '{'")]
    [InlineData("api.localhost", "/v2?x=1", "contains '?'")]
    [InlineData("api.localhost", "/a/../b", "segment")]
    public void TryNormalizeMatch_InvalidInput_ExplainsWhy(string host, string prefix, string expected)
    {
        Assert.False(HostNames.TryNormalizeMatch(host, prefix, out _, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryNormalizeHost_LabelLongerThan63_IsRefused()
    {
        Assert.False(HostNames.TryNormalizeHost(new string('a', 64) + ".localhost", out _, out var error));
        Assert.Contains("label", error, StringComparison.Ordinal);
    }
}
