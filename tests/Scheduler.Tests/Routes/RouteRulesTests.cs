using MiniPaas.Scheduler.Routes;

namespace MiniPaas.Scheduler.Tests.Routes;

public sealed class RouteRulesTests
{
    [Theory]
    [InlineData("www.localhost")]
    [InlineData("a.b-c.example.com")]
    [InlineData("x1")]
    [InlineData("123.example")]
    public void ValidateHost_ValidDnsName_Null(string host) => Assert.Null(RouteRules.ValidateHost(host));

    [Theory]
    [InlineData("", "route host is required")]
    [InlineData("http://www.localhost", "must not contain a scheme")]
    [InlineData("www.localhost:8080", "must not contain a port")]
    [InlineData("www.localhost/api", "pass the path as path_prefix")]
    [InlineData("WWW.localhost", "must be lower-case (use 'www.localhost')")]
    [InlineData("www..localhost", "empty label")]
    [InlineData("www.localhost.", "empty label")]
    [InlineData("-www.localhost", "must not start or end with '-'")]
    [InlineData("www_1.localhost", "may contain only a-z, 0-9, '-' and '.'")]
    [InlineData("*.localhost", "may contain only a-z, 0-9, '-' and '.'")]
    public void ValidateHost_Invalid_ErrorNamingTheProblem(string host, string expected)
    {
        var error = RouteRules.ValidateHost(host);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateHost_LabelOver63Characters_Error()
    {
        var error = RouteRules.ValidateHost(new string('a', 64) + ".localhost");

        Assert.Contains("at most 63", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateHost_NameOver253Characters_Error()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));

        Assert.Contains("at most 253", RouteRules.ValidateHost(host), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("/", "")]
    [InlineData("/api", "/api")]
    [InlineData("/api/", "/api")]
    [InlineData("/api/v2", "/api/v2")]
    public void NormalizePathPrefix_Valid_OneSpelling(string input, string expected)
    {
        var (prefix, error) = RouteRules.NormalizePathPrefix(input);

        Assert.Null(error);
        Assert.Equal(expected, prefix);
    }

    [Theory]
    [InlineData("api", "must start with '/'")]
    [InlineData("/api/../admin", "must not contain '..'")]
    [InlineData("/a..b", "must not contain '..'")]
    [InlineData("/api/./x", "'.' segments")]
    [InlineData("/api//x", "'//'")]
    [InlineData("/api?x=1", "plain path")]
    [InlineData("/a b", "plain path")]
    public void NormalizePathPrefix_Invalid_ErrorNamingTheProblem(string input, string expected)
    {
        var (_, error) = RouteRules.NormalizePathPrefix(input);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
