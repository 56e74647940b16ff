using System.Net;
using System.Text.Json;
using MiniPaas.Contracts.V1;
using MiniPaas.Router.Tests.Infrastructure;

namespace MiniPaas.Router.Tests;

/// <summary>The admin port: /metrics, /healthz, /routes, and nothing proxied.</summary>
public sealed class AdminEndpointTests
{
    [Fact]
    public async Task Metrics_AfterRequests_HasPerAppCountersAndLatencyHistogram()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(4, RouteTables.App("hello", a), RouteTables.App("empty")));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(4);
        for (var i = 0; i < 5; i++)
        {
            await router.GetTextAsync("hello.localhost");
        }

        (await router.Client.GetAsync(router.Url("empty.localhost"))).Dispose();
        (await router.Client.GetAsync(router.Url("nope.localhost"))).Dispose();

        string metrics = string.Empty;
        await Eventually.UntilAsync(async () =>
        {
            metrics = await router.Admin.GetStringAsync("/metrics");
            return metrics.Contains("minipaas_router_requests_total{app=\"hello\"} 5\n", StringComparison.Ordinal)
                && metrics.Contains("minipaas_router_unrouted_requests_total 1\n", StringComparison.Ordinal);
        }, "metrics counted every request");

        Assert.Contains("# TYPE minipaas_router_requests_total counter\n", metrics, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_responses_total{app=\"hello\",class=\"2xx\"} 5\n", metrics, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_responses_total{app=\"hello\",class=\"5xx\"} 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_responses_total{app=\"empty\",class=\"5xx\"} 1\n", metrics, StringComparison.Ordinal);
        Assert.Contains("# TYPE minipaas_router_request_duration_seconds histogram\n", metrics, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_request_duration_seconds_bucket{app=\"hello\",le=\"+Inf\"} 5\n", metrics, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_request_duration_seconds_count{app=\"hello\"} 5\n", metrics, StringComparison.Ordinal);
        Assert.Matches("minipaas_router_request_duration_seconds_bucket\\{app=\"hello\",le=\"10\"\\} 5\n", metrics);
        Assert.Contains("minipaas_router_route_table_version 4\n", metrics, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_scheduler_connected 1\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Routes_ShowsTheTableInEffect()
    {
        await using var a = await TestBackend.StartAsync("a");
        var app = RouteTables.App("hello", [new RouteMatch { Host = "Hello.localhost" }, new RouteMatch { Host = "api.localhost", PathPrefix = "/v2/" }], [a], loadBalancing: "least_requests");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(9, app));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(9);

        using var document = JsonDocument.Parse(await router.Admin.GetStringAsync("/routes"));

        var root = document.RootElement;
        Assert.Equal(9, root.GetProperty("version").GetInt64());
        Assert.Equal("Scheduler", root.GetProperty("source").GetString());
        var hello = Assert.Single(root.GetProperty("apps").EnumerateArray());
        Assert.Equal("hello", hello.GetProperty("app").GetString());
        Assert.Equal("LeastRequests", hello.GetProperty("loadBalancing").GetString());
        var matches = hello.GetProperty("matches").EnumerateArray()
            .Select(m => m.GetProperty("host").GetString() + m.GetProperty("pathPrefix").GetString()).Order().ToList();
        Assert.Equal(["api.localhost/v2", "hello.localhost"], matches);
        var destination = Assert.Single(hello.GetProperty("destinations").EnumerateArray());
        Assert.Equal($"http://{a.Address}", destination.GetProperty("address").GetString());
        Assert.Equal(0, destination.GetProperty("index").GetInt32());
    }

    [Fact]
    public async Task Healthz_AnswersOkWithTableState()
    {
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(2));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(2);

        using var response = await router.Admin.GetAsync("/healthz");
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("routeTableVersion").GetInt64());
    }

    [Fact]
    public async Task AdminPort_AppHostHeader_IsNotProxied_AndAppPortDoesNotServeAdmin()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        using var adminRequest = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        adminRequest.Headers.Host = "hello.localhost";
        using var adminResponse = await router.Admin.SendAsync(adminRequest);
        using var unknownAdmin = await router.Admin.GetAsync("/nothing");

        Assert.StartsWith("# HELP", await adminResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownAdmin.StatusCode);
        Assert.Equal("a", await router.GetTextAsync("hello.localhost", "/metrics"));
        Assert.Equal(0, a.RequestCount - 1);
    }
}
