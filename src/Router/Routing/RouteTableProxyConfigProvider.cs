using Yarp.ReverseProxy.Configuration;

namespace MiniPaas.Router.Routing;

/// <summary>
/// Feeds YARP the configuration built from the latest route table. <see cref="Update"/> swaps it atomically:
/// YARP diffs old and new, keeping the state (health, counters) of clusters and destinations that stay.
/// </summary>
internal sealed class RouteTableProxyConfigProvider : IProxyConfigProvider
{
    private RouteTableProxyConfig _current = new("empty", [], []);

    public IProxyConfig GetConfig() => Volatile.Read(ref _current);

    /// <summary>Publishes a new configuration and signals the previous one as replaced.</summary>
    public void Update(string revisionId, IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
    {
        var next = new RouteTableProxyConfig(revisionId, routes, clusters);
        var previous = Interlocked.Exchange(ref _current, next);
        previous.SignalReplaced();
    }
}
