namespace MiniPaas.Scheduler.Dashboard.Metrics;

/// <summary>
/// AppCounters is one app's cumulative router counters at one scrape: requests, responses (all and
/// 5xx) and the latency histogram as cumulative counts per upper bound in seconds (+Inf last).
/// </summary>
internal sealed record AppCounters(double Requests, double Responses, double Responses5xx, IReadOnlyList<(double UpperBound, double Count)> Buckets)
{
    private const string RequestsTotal = "minipaas_router_requests_total";
    private const string ResponsesTotal = "minipaas_router_responses_total";
    private const string DurationBucket = "minipaas_router_request_duration_seconds_bucket";

    /// <summary>Groups the router's samples by their <c>app</c> label.</summary>
    public static IReadOnlyDictionary<string, AppCounters> ByApp(IEnumerable<PrometheusSample> samples)
    {
        var requests = new Dictionary<string, double>(StringComparer.Ordinal);
        var responses = new Dictionary<string, double>(StringComparer.Ordinal);
        var errors = new Dictionary<string, double>(StringComparer.Ordinal);
        var buckets = new Dictionary<string, List<(double, double)>>(StringComparer.Ordinal);
        foreach (var sample in samples)
        {
            if (!sample.Labels.TryGetValue("app", out var app))
            {
                continue;
            }

            switch (sample.Name)
            {
                case RequestsTotal:
                    requests[app] = sample.Value;
                    break;
                case ResponsesTotal:
                    responses[app] = responses.GetValueOrDefault(app) + sample.Value;
                    if (sample.Labels.GetValueOrDefault("class") == "5xx")
                    {
                        errors[app] = errors.GetValueOrDefault(app) + sample.Value;
                    }

                    break;
                case DurationBucket when sample.Labels.TryGetValue("le", out var le):
                    var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, System.Globalization.CultureInfo.InvariantCulture);
                    (buckets.TryGetValue(app, out var list) ? list : buckets[app] = []).Add((bound, sample.Value));
                    break;
            }
        }

        return requests.Keys.Union(responses.Keys).Union(buckets.Keys).ToDictionary(
            app => app,
            app => new AppCounters(
                requests.GetValueOrDefault(app),
                responses.GetValueOrDefault(app),
                errors.GetValueOrDefault(app),
                (buckets.GetValueOrDefault(app) ?? []).OrderBy(b => b.Item1).ToArray()),
            StringComparer.Ordinal);
    }
}
