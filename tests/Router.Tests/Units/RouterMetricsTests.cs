using MiniPaas.Router.Metrics;

namespace MiniPaas.Router.Tests.Units;

public sealed class RouterMetricsTests
{
    [Fact]
    public void Render_RecordedRequests_WritesCountersByClassAndHistogram()
    {
        var metrics = new RouterMetrics();
        metrics.ForApp("hello").Record(200, 0.003);
        metrics.ForApp("hello").Record(503, 0.2);
        metrics.ForApp("hello").Record(101, 1.5);
        metrics.ForApp("hello").RecordRetry();
        metrics.RecordUnrouted();
        metrics.SetRouteTable(12, 1, 3);
        metrics.SetSchedulerConnected(true);

        var text = metrics.Render();

        Assert.Contains("minipaas_router_requests_total{app=\"hello\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_responses_total{app=\"hello\",class=\"1xx\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_responses_total{app=\"hello\",class=\"2xx\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_responses_total{app=\"hello\",class=\"5xx\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_request_duration_seconds_bucket{app=\"hello\",le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_request_duration_seconds_bucket{app=\"hello\",le=\"0.25\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_request_duration_seconds_bucket{app=\"hello\",le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_request_duration_seconds_sum{app=\"hello\"} 1.703\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_upstream_retries_total{app=\"hello\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_unrouted_requests_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_route_table_version 12\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_route_table_destinations 3\n", text, StringComparison.Ordinal);
        Assert.Contains("minipaas_router_scheduler_connected 1\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_ValueWithQuotesBackslashesNewlines_IsEscaped()
    {
        Assert.Equal("app=\"a\\\"b\\\\c\\nd\"", RouterMetrics.Label("app", "a\"b\\c\nd"));
    }

    [Fact]
    public void Render_EveryMetricFamily_HasHelpAndType()
    {
        var text = new RouterMetrics().Render();

        var families = text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        var helps = text.Split('\n').Where(l => l.StartsWith("# HELP ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(families, helps);
        Assert.Equal(families.Count, families.Distinct().Count());
    }
}
