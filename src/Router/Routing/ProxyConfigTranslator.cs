using Microsoft.AspNetCore.Http;
using MiniPaas.Contracts.V1;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using YarpRouteMatch = Yarp.ReverseProxy.Configuration.RouteMatch;

namespace MiniPaas.Router.Routing;

/// <summary>
/// Turns a scheduler <see cref="RouteTable"/> into YARP configuration: a cluster per app (its instances as
/// destinations, its load-balancing and sticky-session settings, passive health on connect failures) and a
/// route per (host, path prefix) match. Bad entries are skipped and reported rather than failing the whole
/// table, because YARP rejects a configuration with one invalid entry outright.
/// </summary>
internal static class ProxyConfigTranslator
{
    /// <summary>Name of the passive health policy that takes instances refusing connections out of rotation.</summary>
    public const string PassiveHealthPolicyName = "MiniPaasConnectFailure";

    /// <summary>Session affinity policy; YARP's HashCookie/ArrCookie need System.IO.Hashing, which is not available.</summary>
    public const string AffinityPolicyName = "Cookie";

    /// <summary>Destination metadata key holding the instance index.</summary>
    public const string InstanceIndexMetadataKey = "minipaas.instance-index";

    private const int MaxAppNameLength = 128;

    // The router is the edge: values a client sends in X-Forwarded-* would be spoofable, so they are replaced.
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> ForwardedHeadersTransforms =
    [
        new Dictionary<string, string>(StringComparer.Ordinal) { ["X-Forwarded"] = "Set" },
    ];

    /// <summary>Translates <paramref name="table"/>. Apps are processed in name order so conflicts resolve the same way every time.</summary>
    public static TranslatedRouteTable Translate(RouteTable table, ProxyConfigSettings settings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settings);

        var problems = new List<string>();
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        var indexEntries = new List<RouteIndexEntry>();
        var apps = new HashSet<string>(StringComparer.Ordinal);
        var claimedMatches = new Dictionary<(string Host, string Prefix), string>();
        var destinationCount = 0;

        foreach (var app in table.Apps.OrderBy(a => a.App, StringComparer.Ordinal))
        {
            if (!IsValidAppName(app.App))
            {
                problems.Add($"app \"{app.App}\" skipped: an app name must be 1-{MaxAppNameLength} characters without spaces or control characters");
                continue;
            }

            if (!apps.Add(app.App))
            {
                problems.Add($"app \"{app.App}\" appears twice; only its first entry is routed");
                continue;
            }

            var destinations = TranslateDestinations(app, problems);
            destinationCount += destinations.Count;
            var policy = LoadBalancingNames.ToYarpPolicy(app.LoadBalancing, out var knownPolicy);
            if (!knownPolicy)
            {
                problems.Add($"app \"{app.App}\" asks for unknown load balancing \"{app.LoadBalancing}\"; using {LoadBalancingNames.RoundRobin}");
            }

            clusters.Add(new ClusterConfig
            {
                ClusterId = app.App,
                LoadBalancingPolicy = policy,
                SessionAffinity = app.StickySessions
                    ? new SessionAffinityConfig
                    {
                        Enabled = true,
                        Policy = AffinityPolicyName,
                        FailurePolicy = "Redistribute",
                        AffinityKeyName = settings.AffinityCookieName,
                        Cookie = new SessionAffinityCookieConfig { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Lax },
                    }
                    : null,
                HealthCheck = new HealthCheckConfig
                {
                    // Not YARP's default "HealthyOrPanic": when every instance refused connections, answering 503
                    // naming the app beats hammering dead ports; reactivation lets them back in shortly.
                    AvailableDestinationsPolicy = "HealthyAndUnknown",
                    Passive = new PassiveHealthCheckConfig
                    {
                        Enabled = true,
                        Policy = PassiveHealthPolicyName,
                        ReactivationPeriod = settings.UnreachableReactivationPeriod,
                    },
                },
                HttpRequest = new ForwarderRequestConfig { ActivityTimeout = settings.UpstreamActivityTimeout },
                Destinations = destinations,
            });

            var routed = 0;
            for (var i = 0; i < app.Matches.Count; i++)
            {
                var match = app.Matches[i];
                if (!HostNames.TryNormalizeMatch(match.Host, match.PathPrefix, out var host, out var prefix, out var error))
                {
                    problems.Add($"app \"{app.App}\" match {i} skipped: {error}");
                    continue;
                }

                if (claimedMatches.TryGetValue((host, prefix), out var owner))
                {
                    problems.Add($"app \"{app.App}\" match \"{host}{prefix}\" skipped: already routed to app \"{owner}\"");
                    continue;
                }

                claimedMatches.Add((host, prefix), app.App);
                var routeId = $"{app.App}/{i}";
                routes.Add(new RouteConfig
                {
                    RouteId = routeId,
                    ClusterId = app.App,
                    Match = new YarpRouteMatch
                    {
                        Hosts = [host],
                        Path = prefix.Length == 0 ? "/{**catch-all}" : prefix + "/{**catch-all}",
                    },
                    Transforms = ForwardedHeadersTransforms,
                });
                indexEntries.Add(new RouteIndexEntry(host, prefix, routeId, app.App));
                routed++;
            }

            if (routed == 0)
            {
                problems.Add($"app \"{app.App}\" has no routable host; it cannot be reached");
            }
        }

        return new TranslatedRouteTable(table.Version, routes, clusters, new HostRouteIndex(indexEntries), problems, destinationCount);
    }

    private static Dictionary<string, DestinationConfig> TranslateDestinations(AppRoute app, List<string> problems)
    {
        var destinations = new Dictionary<string, DestinationConfig>(StringComparer.Ordinal);
        foreach (var destination in app.Destinations)
        {
            // Instance ids are stable across tables, which keeps YARP's per-destination state (health, counters, affinity).
            var id = string.IsNullOrWhiteSpace(destination.InstanceId) ? $"{app.App}-{destination.Index}" : destination.InstanceId;
            if (!TryParseAddress(destination.Address, out var address))
            {
                problems.Add($"app \"{app.App}\" instance {id} skipped: address \"{destination.Address}\" is not host:port");
                continue;
            }

            if (!destinations.TryAdd(id, new DestinationConfig
                {
                    Address = address,
                    Metadata = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        [InstanceIndexMetadataKey] = destination.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    },
                }))
            {
                problems.Add($"app \"{app.App}\" instance {id} appears twice; only its first address is used");
            }
        }

        return destinations;
    }

    /// <summary>Turns <c>host:port</c> into <c>http://host:port</c>, refusing anything else (paths, schemes, missing port).</summary>
    internal static bool TryParseAddress(string? hostAndPort, out string address)
    {
        address = string.Empty;
        if (string.IsNullOrWhiteSpace(hostAndPort) || hostAndPort.Contains('/') || hostAndPort.Contains('@'))
        {
            return false;
        }

        if (!Uri.TryCreate("http://" + hostAndPort.Trim(), UriKind.Absolute, out var uri)
            || uri.IsDefaultPort && !hostAndPort.EndsWith(":80", StringComparison.Ordinal)
            || uri.Port <= 0)
        {
            return false;
        }

        address = $"http://{uri.Authority}";
        return true;
    }

    private static bool IsValidAppName(string name) =>
        name.Length is > 0 and <= MaxAppNameLength && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
