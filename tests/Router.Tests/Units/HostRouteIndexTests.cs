using MiniPaas.Router.Routing;

namespace MiniPaas.Router.Tests.Units;

public sealed class HostRouteIndexTests
{
    private static readonly HostRouteIndex Index = new(
    [
        new RouteIndexEntry("web.localhost", "", "web/0", "web"),
        new RouteIndexEntry("web.localhost", "/api", "api/0", "api"),
        new RouteIndexEntry("web.localhost", "/api/admin", "admin/0", "admin"),
        new RouteIndexEntry("only.localhost", "/v2", "v2/0", "v2"),
    ]);

    [Theory]
    [InlineData("web.localhost", "/", "web")]
    [InlineData("WEB.LocalHost", "/index.html", "web")]
    [InlineData("web.localhost.", "/", "web")]
    [InlineData("web.localhost", "/api", "api")]
    [InlineData("web.localhost", "/API/users", "api")]
    [InlineData("web.localhost", "/apis", "web")]
    [InlineData("web.localhost", "/api/admin/x", "admin")]
    [InlineData("web.localhost", "/api/administrator", "api")]
    [InlineData("only.localhost", "/v2", "v2")]
    [InlineData("only.localhost", "/v2/", "v2")]
    public void Lookup_KnownHost_PicksLongestMatchingPrefix(string host, string path, string app)
    {
        var result = Index.Lookup(host, path);

        Assert.True(result.HostKnown);
        Assert.Equal(app, result.Entry?.App);
    }

    [Fact]
    public void Lookup_UnknownHost_SaysHostUnknown()
    {
        var result = Index.Lookup("nope.localhost", "/");

        Assert.Null(result.Entry);
        Assert.False(result.HostKnown);
    }

    [Fact]
    public void Lookup_KnownHostOutsideEveryPrefix_SaysHostKnown()
    {
        var result = Index.Lookup("only.localhost", "/v3");

        Assert.Null(result.Entry);
        Assert.True(result.HostKnown);
    }

    [Fact]
    public void Constructor_DuplicateHostAndPrefix_FirstEntryWins()
    {
        var index = new HostRouteIndex([new RouteIndexEntry("a.localhost", "", "first/0", "first"), new RouteIndexEntry("A.localhost", "", "second/0", "second")]);

        Assert.Equal("first", index.Lookup("a.localhost", "/").Entry?.App);
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Empty_RoutesNothing()
    {
        Assert.False(HostRouteIndex.Empty.Lookup("hello.localhost", "/").HostKnown);
    }
}
