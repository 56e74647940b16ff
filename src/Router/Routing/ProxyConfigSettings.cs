using MiniPaas.Router.Hosting;

namespace MiniPaas.Router.Routing;

/// <summary>The router settings that shape the YARP configuration built from a route table.</summary>
/// <param name="AffinityCookieName">Cookie of sticky sessions.</param>
/// <param name="UnreachableReactivationPeriod">How long an instance that refused a connection is skipped.</param>
/// <param name="UpstreamActivityTimeout">How long an instance may stay silent during a request.</param>
internal sealed record ProxyConfigSettings(string AffinityCookieName, TimeSpan UnreachableReactivationPeriod, TimeSpan UpstreamActivityTimeout)
{
    /// <summary>The settings of <paramref name="options"/>.</summary>
    public static ProxyConfigSettings From(RouterOptions options) =>
        new(options.AffinityCookieName, options.UnreachableReactivationPeriod, options.UpstreamActivityTimeout);
}
