using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace MiniPaas.Router.Metrics;

/// <summary>
/// The router's metrics, kept in memory and rendered in the Prometheus text exposition format (0.0.4)
/// on the admin port's <c>/metrics</c>.
/// </summary>
internal sealed class RouterMetrics
{
    private readonly ConcurrentDictionary<string, AppRequestMetrics> _apps = new(StringComparer.Ordinal);
    private long _unrouted;
    private long _tableVersion;
    private long _tableApps;
    private long _tableDestinations;
    private long _schedulerConnected;

    /// <summary>Metrics of <paramref name="app"/>, created on first use.</summary>
    public AppRequestMetrics ForApp(string app) => _apps.GetOrAdd(app, static _ => new AppRequestMetrics());

    /// <summary>Counts a request no app was routed for (unknown host or path, or no table yet).</summary>
    public void RecordUnrouted() => Interlocked.Increment(ref _unrouted);

    public void SetRouteTable(long version, int apps, int destinations)
    {
        Interlocked.Exchange(ref _tableVersion, version);
        Interlocked.Exchange(ref _tableApps, apps);
        Interlocked.Exchange(ref _tableDestinations, destinations);
    }

    public void SetSchedulerConnected(bool connected) => Interlocked.Exchange(ref _schedulerConnected, connected ? 1 : 0);

    /// <summary>Renders every metric in the Prometheus text format.</summary>
    public string Render()
    {
        var text = new StringBuilder(4096);
        var apps = _apps.OrderBy(a => a.Key, StringComparer.Ordinal).ToList();

        Header(text, "minipaas_router_requests_total", "counter", "Requests routed to an app.");
        foreach (var (app, metrics) in apps)
        {
            Sample(text, "minipaas_router_requests_total", Label("app", app), metrics.Requests);
        }

        Header(text, "minipaas_router_responses_total", "counter", "Responses per app and status class.");
        foreach (var (app, metrics) in apps)
        {
            for (var statusClass = 1; statusClass <= 5; statusClass++)
            {
                Sample(text, "minipaas_router_responses_total", Label("app", app) + "," + Label("class", $"{statusClass}xx"), metrics.ResponsesOfClass(statusClass));
            }
        }

        Header(text, "minipaas_router_request_duration_seconds", "histogram", "Time from request arrival to response end, per app.");
        foreach (var (app, metrics) in apps)
        {
            var snapshot = metrics.Latency.Snapshot();
            var appLabel = Label("app", app);
            for (var i = 0; i < snapshot.Bounds.Count; i++)
            {
                Sample(text, "minipaas_router_request_duration_seconds_bucket", appLabel + "," + Label("le", Format(snapshot.Bounds[i])), snapshot.CumulativeCounts[i]);
            }

            Sample(text, "minipaas_router_request_duration_seconds_bucket", appLabel + "," + Label("le", "+Inf"), snapshot.Count);
            Sample(text, "minipaas_router_request_duration_seconds_sum", appLabel, snapshot.Sum);
            Sample(text, "minipaas_router_request_duration_seconds_count", appLabel, snapshot.Count);
        }

        Header(text, "minipaas_router_upstream_retries_total", "counter", "Requests re-sent to another instance after a failure before any response byte.");
        foreach (var (app, metrics) in apps)
        {
            Sample(text, "minipaas_router_upstream_retries_total", Label("app", app), metrics.Retries);
        }

        Header(text, "minipaas_router_unrouted_requests_total", "counter", "Requests for hosts or paths no app is routed at.");
        Sample(text, "minipaas_router_unrouted_requests_total", null, Volatile.Read(ref _unrouted));

        Header(text, "minipaas_router_route_table_version", "gauge", "Version of the route table in effect.");
        Sample(text, "minipaas_router_route_table_version", null, Volatile.Read(ref _tableVersion));
        Header(text, "minipaas_router_route_table_apps", "gauge", "Apps in the route table in effect.");
        Sample(text, "minipaas_router_route_table_apps", null, Volatile.Read(ref _tableApps));
        Header(text, "minipaas_router_route_table_destinations", "gauge", "Instances in the route table in effect.");
        Sample(text, "minipaas_router_route_table_destinations", null, Volatile.Read(ref _tableDestinations));
        Header(text, "minipaas_router_scheduler_connected", "gauge", "1 while the route stream from the scheduler is up.");
        Sample(text, "minipaas_router_scheduler_connected", null, Volatile.Read(ref _schedulerConnected));
        return text.ToString();
    }

    /// <summary>A label pair with the value escaped as the text format requires (backslash, quote, newline).</summary>
    internal static string Label(string name, string value) =>
        $"{name}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"";

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string? labels, double value)
    {
        text.Append(name);
        if (labels is not null)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
