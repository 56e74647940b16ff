namespace MiniPaas.Router.Routing;

/// <summary>What <see cref="HostRouteIndex.Lookup"/> found for a request.</summary>
internal readonly record struct RouteLookupResult(RouteIndexEntry? Entry, bool HostKnown)
{
    /// <summary>The host has no route at all.</summary>
    public static RouteLookupResult UnknownHost => new(null, false);

    /// <summary>The host has routes, but none whose path prefix covers the request path.</summary>
    public static RouteLookupResult NoPathMatch => new(null, true);
}
