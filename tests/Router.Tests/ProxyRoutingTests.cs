using System.Net;
using System.Text.Json;
using MiniPaas.Contracts.V1;
using MiniPaas.Router.Tests.Infrastructure;

namespace MiniPaas.Router.Tests;

/// <summary>Requests through a real router fed by a fake scheduler to real backend servers.</summary>
public sealed class ProxyRoutingTests
{
    [Fact]
    public async Task RoundRobin_ThreeInstances_SpreadsRequestsEvenly()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var c = await TestBackend.StartAsync("c");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a, b, c)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 30; i++)
        {
            var name = await router.GetTextAsync("hello.localhost");
            counts[name] = counts.GetValueOrDefault(name) + 1;
        }

        Assert.Equal(new Dictionary<string, int> { ["a"] = 10, ["b"] = 10, ["c"] = 10 }, counts);
        // The host index hands requests to YARP's endpoint directly rather than through ASP.NET's matcher.
        Assert.True(router.Services.GetRequiredService<MiniPaas.Router.Proxy.ProxyEndpointDirectory>().TryGet("hello/0", out _));
    }

    [Fact]
    public async Task HostMatching_CaseAndPortDiffer_StillRoutes()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        using var request = new HttpRequestMessage(HttpMethod.Get, router.Url("HELLO.LocalHost", "/anything?x=1"));
        using var response = await router.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("a", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ExtraHostAndPathPrefix_RouteToTheirApps()
    {
        await using var web = await TestBackend.StartAsync("web");
        await using var api = await TestBackend.StartAsync("api");
        var webApp = RouteTables.App("web", [new RouteMatch { Host = "web.localhost" }, new RouteMatch { Host = "www.example.test" }], [web]);
        var apiApp = RouteTables.App("api", [new RouteMatch { Host = "web.localhost", PathPrefix = "/api" }, new RouteMatch { Host = "api.localhost/v2" }], [api]);
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, webApp, apiApp));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        Assert.Equal("web", await router.GetTextAsync("web.localhost", "/"));
        Assert.Equal("web", await router.GetTextAsync("www.example.test", "/page"));
        Assert.Equal("web", await router.GetTextAsync("web.localhost", "/apis"));
        Assert.Equal("api", await router.GetTextAsync("web.localhost", "/api"));
        Assert.Equal("api", await router.GetTextAsync("web.localhost", "/api/users"));
        Assert.Equal("api", await router.GetTextAsync("api.localhost", "/v2/things"));

        using var outsidePrefix = await router.Client.GetAsync(router.Url("api.localhost", "/v3"));
        Assert.Equal(HttpStatusCode.NotFound, outsidePrefix.StatusCode);
        Assert.Equal("no app is routed at \"api.localhost/v3\"\n", await outsidePrefix.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownHost_Answers404NamingTheHost()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        using var response = await router.Client.GetAsync(router.Url("nope.localhost", "/x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no app is routed at \"nope.localhost\"\n", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, a.RequestCount);
    }

    [Fact]
    public async Task AppWithoutInstances_Answers503NamingTheApp()
    {
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello")));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        using var response = await router.Client.GetAsync(router.Url("hello.localhost"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("app \"hello\" has no running instances\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ForwardedHeaders_ReachTheInstance_AndRequestIdIsKeptOrMade()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        using var withId = new HttpRequestMessage(HttpMethod.Get, router.Url("hello.localhost", "/headers"));
        withId.Headers.Add("X-Request-Id", "client-chosen-42");
        withId.Headers.Add("X-Forwarded-For", "6.6.6.6");
        using var withIdResponse = await router.Client.SendAsync(withId);
        var seenWithId = JsonSerializer.Deserialize<Dictionary<string, string>>(await withIdResponse.Content.ReadAsStringAsync())!;
        using var withoutIdResponse = await router.Client.GetAsync(router.Url("hello.localhost", "/headers"));
        var seenWithoutId = JsonSerializer.Deserialize<Dictionary<string, string>>(await withoutIdResponse.Content.ReadAsStringAsync())!;

        var seen = new Dictionary<string, string>(seenWithId, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("127.0.0.1", seen["X-Forwarded-For"]);
        Assert.Equal("http", seen["X-Forwarded-Proto"]);
        Assert.Equal($"hello.localhost:{router.ProxyEndPoint.Port}", seen["X-Forwarded-Host"]);
        Assert.Equal("client-chosen-42", seen["X-Request-Id"]);
        Assert.Equal("client-chosen-42", Assert.Single(withIdResponse.Headers.GetValues("X-Request-Id")));

        var generated = new Dictionary<string, string>(seenWithoutId, StringComparer.OrdinalIgnoreCase)["X-Request-Id"];
        Assert.Matches("^[0-9a-f]{32}$", generated);
        Assert.Equal(generated, Assert.Single(withoutIdResponse.Headers.GetValues("X-Request-Id")));
    }

    [Fact]
    public async Task AccessLog_EveryRequest_ReachesRegisteredSinksWithAppInstanceAndStatus()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        using var request = new HttpRequestMessage(HttpMethod.Get, router.Url("hello.localhost", "/path?q=1"));
        request.Headers.Add("X-Request-Id", "log-me");
        (await router.Client.SendAsync(request)).Dispose();
        (await router.Client.GetAsync(router.Url("nope.localhost"))).Dispose();

        await Eventually.UntilAsync(() => Task.FromResult(router.AccessLog.Entries.Count >= 2), "two access log entries");
        var routed = router.AccessLog.Entries.Single(e => e.RequestId == "log-me");
        Assert.Equal("hello", routed.App);
        Assert.Equal(0, routed.InstanceIndex);
        Assert.Equal("hello-a", routed.InstanceId);
        Assert.Equal("GET", routed.Method);
        Assert.Equal("/path?q=1", routed.Path);
        Assert.Equal(200, routed.StatusCode);
        Assert.Equal(1, routed.Attempts);
        Assert.True(routed.LatencyMilliseconds > 0);

        var unrouted = router.AccessLog.Entries.Single(e => e.RequestId != "log-me");
        Assert.Null(unrouted.App);
        Assert.Null(unrouted.InstanceId);
        Assert.Equal(404, unrouted.StatusCode);
    }
}
