using Yarp.ReverseProxy.Configuration;

namespace MiniPaas.Router.Routing;

/// <summary>A route table turned into YARP routes and clusters plus the host index that picks among them.</summary>
/// <param name="Version">The table's version.</param>
/// <param name="Routes">One YARP route per valid (app, match).</param>
/// <param name="Clusters">One YARP cluster per app; its destinations are the app's instances.</param>
/// <param name="Index">Host/path lookup over <paramref name="Routes"/>.</param>
/// <param name="Problems">Entries that were skipped or adjusted, each explained.</param>
/// <param name="DestinationCount">Destinations across all clusters.</param>
internal sealed record TranslatedRouteTable(
    long Version,
    IReadOnlyList<RouteConfig> Routes,
    IReadOnlyList<ClusterConfig> Clusters,
    HostRouteIndex Index,
    IReadOnlyList<string> Problems,
    int DestinationCount);
