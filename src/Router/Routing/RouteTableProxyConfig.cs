using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace MiniPaas.Router.Routing;

/// <summary>One immutable YARP configuration; its change token fires when a newer one replaces it.</summary>
internal sealed class RouteTableProxyConfig : IProxyConfig
{
    private readonly CancellationTokenSource _replaced = new();

    public RouteTableProxyConfig(string revisionId, IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
    {
        RevisionId = revisionId;
        Routes = routes;
        Clusters = clusters;
        ChangeToken = new CancellationChangeToken(_replaced.Token);
    }

    public string RevisionId { get; }

    public IReadOnlyList<RouteConfig> Routes { get; }

    public IReadOnlyList<ClusterConfig> Clusters { get; }

    public IChangeToken ChangeToken { get; }

    /// <summary>Tells YARP to fetch the newer configuration.</summary>
    public void SignalReplaced() => _replaced.Cancel();
}
