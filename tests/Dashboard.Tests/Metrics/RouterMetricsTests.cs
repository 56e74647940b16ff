using MiniPaas.Scheduler.Dashboard.Metrics;

namespace MiniPaas.Dashboard.Tests.Metrics;

public sealed class RouterMetricsTests
{
    private const string Scrape1 = """
        # HELP minipaas_router_requests_total Requests routed to an app.
        # TYPE minipaas_router_requests_total counter
        minipaas_router_requests_total{app="hello"} 100
        minipaas_router_responses_total{app="hello",class="2xx"} 90
        minipaas_router_responses_total{app="hello",class="5xx"} 10
        minipaas_router_request_duration_seconds_bucket{app="hello",le="0.001"} 0
        minipaas_router_request_duration_seconds_bucket{app="hello",le="0.01"} 50
        minipaas_router_request_duration_seconds_bucket{app="hello",le="0.1"} 100
        minipaas_router_request_duration_seconds_bucket{app="hello",le="+Inf"} 100
        minipaas_router_unrouted_requests_total 3
        """;

    private const string Scrape2 = """
        minipaas_router_requests_total{app="hello"} 300
        minipaas_router_responses_total{app="hello",class="2xx"} 250
        minipaas_router_responses_total{app="hello",class="5xx"} 50
        minipaas_router_request_duration_seconds_bucket{app="hello",le="0.001"} 0
        minipaas_router_request_duration_seconds_bucket{app="hello",le="0.01"} 150
        minipaas_router_request_duration_seconds_bucket{app="hello",le="0.1"} 296
        minipaas_router_request_duration_seconds_bucket{app="hello",le="+Inf"} 300
        """;

    [Fact]
    public void Parse_LabelsWithEscapes_AreUnescaped()
    {
        var samples = PrometheusText.Parse("m{app=\"a\\\"b\\\\c\",le=\"+Inf\"} 2 1700000000\n");

        var sample = Assert.Single(samples);
        Assert.Equal("m", sample.Name);
        Assert.Equal("a\"b\\c", sample.Labels["app"]);
        Assert.Equal(2, sample.Value);
    }

    [Fact]
    public void Parse_LineWithoutValue_ThrowsNamingTheLine()
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse("ok 1\nbroken{app=\"x\"}\n"));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_TwoScrapesOneSecondApart_GivesRatesQuantilesAndErrorRatio()
    {
        var older = AppCounters.ByApp(PrometheusText.Parse(Scrape1))["hello"];
        var newer = AppCounters.ByApp(PrometheusText.Parse(Scrape2))["hello"];

        var rates = AppRates.Between(older, newer, TimeSpan.FromSeconds(2));

        Assert.Equal(100, rates.RequestsPerSecond, 3);
        Assert.Equal(40.0 / 200, rates.ErrorRatio, 3);
        // 200 requests in the interval: 100 in (1 ms, 10 ms], 96 in (10 ms, 100 ms], 4 above.
        Assert.Equal(10, rates.P50Ms!.Value, 3);
        Assert.Equal(100, rates.P99Ms!.Value, 3);
    }

    [Fact]
    public void Between_CounterWentDown_TreatsItAsARouterRestart()
    {
        var older = AppCounters.ByApp(PrometheusText.Parse(Scrape2))["hello"];
        var newer = AppCounters.ByApp(PrometheusText.Parse(Scrape1))["hello"];

        var rates = AppRates.Between(older, newer, TimeSpan.FromSeconds(1));

        Assert.Equal(100, rates.RequestsPerSecond, 3);
    }

    [Fact]
    public void Quantile_NoRequests_IsNull()
    {
        Assert.Null(AppRates.Quantile(0.5, [(0.01, 0), (double.PositiveInfinity, 0)]));
    }
}
