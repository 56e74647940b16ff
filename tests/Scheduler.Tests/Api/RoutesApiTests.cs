using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Scheduler.Tests.Api;

public sealed class RoutesApiTests : ApiTestBase
{
    [Fact]
    public async Task ListRoutes_NewApp_OnlyTheDefaultRoute()
    {
        await SeedAppAsync("web", 0);

        var routes = (await ListRoutesAsync("web")).Routes;

        var route = Assert.Single(routes);
        Assert.Equal(("web", "web.localhost", "", "http://web.localhost:8080", true), (route.App, route.Host, route.PathPrefix, route.Url, route.DefaultRoute));
    }

    [Fact]
    public async Task MapRoute_NewHostAndPath_ListedAndInAppUrls()
    {
        await SeedAppAsync("web", 0);

        var mapped = await MapAsync("web", "www.localhost", "/shop/");
        await MapAsync("web", "a.localhost");

        Assert.Equal(("www.localhost", "/shop", "http://www.localhost:8080/shop", false), (mapped.Host, mapped.PathPrefix, mapped.Url, mapped.DefaultRoute));
        var routes = (await ListRoutesAsync("web")).Routes;
        Assert.Equal(["web.localhost", "a.localhost", "www.localhost/shop"], routes.Select(r => r.Host + r.PathPrefix));
        var summary = (await GetAppAsync("web")).Summary;
        Assert.Equal(["http://web.localhost:8080", "http://a.localhost:8080", "http://www.localhost:8080/shop"], summary.Urls);
        var listed = Assert.Single((await Admin.UnaryAsync(Methods.ListApps, new ListAppsRequest(), Deadline())).Apps);
        Assert.Equal(summary.Urls, listed.Urls);
        Assert.Contains((await Admin.UnaryAsync(Methods.ListEvents, new ListEventsRequest { App = "web" }, Deadline())).Events,
            e => e.Kind == "route.mapped" && e.Message == "route www.localhost/shop mapped to web");
    }

    [Fact]
    public async Task MapRoute_SameAppAgain_IdempotentOneRoute()
    {
        await SeedAppAsync("web", 0);

        await MapAsync("web", "www.localhost", "/api");
        var again = await MapAsync("web", "www.localhost", "/api/");
        var defaultAgain = await MapAsync("web", "web.localhost");

        Assert.Equal("/api", again.PathPrefix);
        Assert.True(defaultAgain.DefaultRoute);
        Assert.Equal(2, (await ListRoutesAsync("web")).Routes.Count);
    }

    [Fact]
    public async Task MapRoute_HostPathOfAnotherApp_AlreadyExistsNamingThatApp()
    {
        await SeedAppAsync("web", 0);
        await SeedAppAsync("api", 0);
        await MapAsync("web", "www.localhost");

        var taken = await Assert.ThrowsAsync<RpcException>(() => MapAsync("api", "www.localhost"));
        var defaultOfOther = await Assert.ThrowsAsync<RpcException>(() => MapAsync("api", "web.localhost"));
        var otherPath = await MapAsync("api", "www.localhost", "/api");

        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Contains("already mapped to app 'web'", taken.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.AlreadyExists, defaultOfOther.StatusCode);
        Assert.Contains("app 'web'", defaultOfOther.Detail, StringComparison.Ordinal);
        Assert.Equal("/api", otherPath.PathPrefix);
        Assert.Equal(2, (await ListRoutesAsync("api")).Routes.Count);
        Assert.Equal(2, (await ListRoutesAsync("web")).Routes.Count);
    }

    [Theory]
    [InlineData("", "", "route host is required")]
    [InlineData("http://www.localhost", "", "must not contain a scheme")]
    [InlineData("www.localhost:8080", "", "must not contain a port")]
    [InlineData("Www.localhost", "", "must be lower-case")]
    [InlineData("www.localhost", "api", "must start with '/'")]
    [InlineData("www.localhost", "/a/../b", "must not contain '..'")]
    public async Task MapRoute_InvalidHostOrPath_InvalidArgumentNamingIt(string host, string path, string expected)
    {
        await SeedAppAsync("web", 0);

        var error = await Assert.ThrowsAsync<RpcException>(() => MapAsync("web", host, path));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(expected, error.Detail, StringComparison.Ordinal);
        Assert.Single((await ListRoutesAsync("web")).Routes);
    }

    [Fact]
    public async Task MapRoute_UnknownApp_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => MapAsync("ghost", "www.localhost"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("app 'ghost' not found", error.Detail);
    }

    [Fact]
    public async Task UnmapRoute_MappedRoute_RemovedAndReturned()
    {
        await SeedAppAsync("web", 0);
        await MapAsync("web", "www.localhost", "/api");

        var removed = await Admin.UnaryAsync(Methods.UnmapRoute, new MapRouteRequest { App = "web", Host = "www.localhost", PathPrefix = "/api" }, Deadline());

        Assert.Equal(("www.localhost", "/api"), (removed.Host, removed.PathPrefix));
        Assert.Single((await ListRoutesAsync("web")).Routes);
    }

    [Fact]
    public async Task UnmapRoute_NotMappedOrOtherApps_NotFound()
    {
        await SeedAppAsync("web", 0);
        await SeedAppAsync("api", 0);
        await MapAsync("api", "api.example.com");

        var missing = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.UnmapRoute, new MapRouteRequest { App = "web", Host = "www.localhost" }, Deadline()));
        var others = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.UnmapRoute, new MapRouteRequest { App = "web", Host = "api.example.com" }, Deadline()));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal("route 'www.localhost' is not mapped to app 'web'", missing.Detail);
        Assert.Equal(StatusCode.NotFound, others.StatusCode);
        Assert.Contains("mapped to app 'api'", others.Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await ListRoutesAsync("api")).Routes.Count);
    }

    [Fact]
    public async Task UnmapRoute_DefaultRoute_FailedPrecondition()
    {
        await SeedAppAsync("web", 0);

        var error = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.UnmapRoute, new MapRouteRequest { App = "web", Host = "web.localhost" }, Deadline()));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("'web.localhost' is the default route of app 'web' and cannot be unmapped", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteApp_WithRoutes_RoutesGoAndHostIsFreeAgain()
    {
        await SeedAppAsync("web", 0);
        await SeedAppAsync("api", 0);
        await MapAsync("web", "www.localhost");

        await Admin.UnaryAsync(Methods.DeleteApp, new DeleteAppRequest { App = "web" }, Deadline());

        Assert.Equal(["api.localhost"], (await ListRoutesAsync("")).Routes.Select(r => r.Host));
        Assert.Empty(Host.Store.Read(tx => tx.ListRoutes("web")));
        Assert.Equal("www.localhost", (await MapAsync("api", "www.localhost")).Host);
    }

    [Fact]
    public async Task ListRoutes_AllApps_EveryAppsRoutes()
    {
        await SeedAppAsync("web", 0);
        await SeedAppAsync("api", 0);
        await MapAsync("web", "www.localhost");

        var routes = (await ListRoutesAsync("")).Routes;

        Assert.Equal(["api:api.localhost", "web:web.localhost", "web:www.localhost"], routes.Select(r => $"{r.App}:{r.Host}"));
    }

    [Fact]
    public async Task Deploy_UnknownLoadBalancing_InvalidArgumentNamingTheValue()
    {
        var package = await UploadApiTests.UploadAsync(Admin, "web", 4, [1, 2, 3, 4]);
        var request = new DeployRequest { App = "web", PackageId = package.PackageId, Settings = new AppSettings { LoadBalancing = "random" } };

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = Admin.ServerStreaming(Methods.Deploy, request, Deadline());
            await foreach (var progress in call.ResponseStream)
            {
                Assert.Fail($"no progress expected before the settings are checked, got {progress}");
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("unknown load_balancing 'random'", error.Detail, StringComparison.Ordinal);
        Assert.Contains("round_robin, least_requests, power_of_two_choices", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deploy_NewAppWhoseDefaultHostIsMappedElsewhere_AlreadyExists()
    {
        await SeedAppAsync("web", 0);
        await MapAsync("web", "shop.localhost");
        var package = await UploadApiTests.UploadAsync(Admin, "shop", 4, [1, 2, 3, 4]);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = Admin.ServerStreaming(Methods.Deploy, new DeployRequest { App = "shop", PackageId = package.PackageId }, Deadline());
            await foreach (var progress in call.ResponseStream)
            {
                Assert.Fail($"no progress expected, got {progress}");
            }
        });

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Contains("'shop.localhost' is mapped to app 'web'", error.Detail, StringComparison.Ordinal);
    }

    private Task<RouteSummary> MapAsync(string app, string host, string path = "") =>
        Admin.UnaryAsync(Methods.MapRoute, new MapRouteRequest { App = app, Host = host, PathPrefix = path }, Deadline());

    private Task<ListRoutesReply> ListRoutesAsync(string app) =>
        Admin.UnaryAsync(Methods.ListRoutes, new ListRoutesRequest { App = app }, Deadline());
}
