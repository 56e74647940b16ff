using Microsoft.Extensions.Options;
using MiniPaas.Scheduler.Hosting;

namespace MiniPaas.Scheduler.Routes;

/// <summary>
/// RouteAddresses derives default route hosts and app URLs from <see cref="SchedulerOptions.AppsDomain"/>
/// and <see cref="SchedulerOptions.RouterPort"/>, so the CLI, the router and the dashboard agree.
/// </summary>
internal sealed class RouteAddresses
{
    private readonly SchedulerOptions _options;

    public RouteAddresses(IOptions<SchedulerOptions> options)
    {
        _options = options.Value;
    }

    /// <summary>The host of the route every app has: <c>&lt;app&gt;.&lt;AppsDomain&gt;</c>.</summary>
    public string DefaultHost(string app) => $"{app}.{_options.AppsDomain}";

    public bool IsDefaultRoute(string app, string host, string pathPrefix) =>
        pathPrefix.Length == 0 && string.Equals(host, DefaultHost(app), StringComparison.Ordinal);

    /// <summary>The URL a browser uses: <c>http://host:RouterPort/prefix</c>.</summary>
    public string Url(string host, string pathPrefix) => $"http://{host}:{_options.RouterPort}{pathPrefix}";

    /// <summary>The app whose default route <paramref name="host"/> would be, if the host has that shape.</summary>
    public string? AppOfDefaultHost(string host)
    {
        var suffix = "." + _options.AppsDomain;
        if (!host.EndsWith(suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var label = host[..^suffix.Length];
        return label.Length > 0 && !label.Contains('.', StringComparison.Ordinal) ? label : null;
    }
}
