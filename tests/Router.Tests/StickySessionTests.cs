using System.Net;
using MiniPaas.Contracts.V1;
using MiniPaas.Router.Tests.Infrastructure;

namespace MiniPaas.Router.Tests;

/// <summary>Apps with sticky sessions pin a client (by cookie) to one instance.</summary>
public sealed class StickySessionTests
{
    [Fact]
    public async Task StickyApp_ClientWithCookie_StaysOnOneInstance()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var c = await TestBackend.StartAsync("c");
        var app = RouteTables.App("hello", [new RouteMatch { Host = "hello.localhost" }], [a, b, c], sticky: true);
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, app));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        using var first = await router.Client.GetAsync(router.Url("hello.localhost"));
        var pinnedTo = await first.Content.ReadAsStringAsync();
        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("minipaas-affinity=", cookie, StringComparison.Ordinal);
        var cookieHeader = cookie.Split(';')[0];

        var withCookie = new List<string>();
        for (var i = 0; i < 15; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, router.Url("hello.localhost"));
            request.Headers.Add("Cookie", cookieHeader);
            using var response = await router.Client.SendAsync(request);
            withCookie.Add(await response.Content.ReadAsStringAsync());
        }

        var withoutCookie = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            withoutCookie.Add(await router.GetTextAsync("hello.localhost"));
        }

        Assert.All(withCookie, answer => Assert.Equal(pinnedTo, answer));
        Assert.True(withoutCookie.Count > 1, "clients without the cookie are still balanced");
    }

    [Fact]
    public async Task StickyApp_PinnedInstanceDies_ClientMovesWithoutAnError()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        var app = RouteTables.App("hello", [new RouteMatch { Host = "hello.localhost" }], [a, b], sticky: true);
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, app));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);
        using var first = await router.Client.GetAsync(router.Url("hello.localhost"));
        var pinnedTo = await first.Content.ReadAsStringAsync();
        var cookieHeader = first.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        await (pinnedTo == "a" ? a : b).KillAsync();
        var survivor = pinnedTo == "a" ? "b" : "a";
        using var request = new HttpRequestMessage(HttpMethod.Get, router.Url("hello.localhost"));
        request.Headers.Add("Cookie", cookieHeader);
        using var moved = await router.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(survivor, await moved.Content.ReadAsStringAsync());

        // Once the dead instance is out of rotation, the stale cookie no longer matches and the client is re-pinned.
        string? newCookie = null;
        await Eventually.UntilAsync(async () =>
        {
            using var again = new HttpRequestMessage(HttpMethod.Get, router.Url("hello.localhost"));
            again.Headers.Add("Cookie", cookieHeader);
            using var response = await router.Client.SendAsync(again);
            Assert.Equal(survivor, await response.Content.ReadAsStringAsync());
            newCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Single().Split(';')[0] : null;
            return newCookie is not null;
        }, "client re-pinned to the surviving instance");
        using var pinned = new HttpRequestMessage(HttpMethod.Get, router.Url("hello.localhost"));
        pinned.Headers.Add("Cookie", newCookie!);
        using var pinnedResponse = await router.Client.SendAsync(pinned);
        Assert.Equal(survivor, await pinnedResponse.Content.ReadAsStringAsync());
        Assert.False(pinnedResponse.Headers.Contains("Set-Cookie"));
    }
}
