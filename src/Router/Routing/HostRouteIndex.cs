namespace MiniPaas.Router.Routing;

/// <summary>
/// Maps a request's host and path to the route serving it: one dictionary probe on the host
/// (case-insensitive, ports already stripped by Kestrel's <c>Host.Host</c>), then one on the path's first
/// segment among that host's prefixes (longest prefix wins). Immutable; a new index is built for every route table.
/// </summary>
internal sealed class HostRouteIndex
{
    private readonly Dictionary<string, HostRoutes> _byHost;
    private readonly Dictionary<string, HostRoutes>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <summary>Builds the index; when two entries have the same host and prefix, the first one wins.</summary>
    public HostRouteIndex(IEnumerable<RouteIndexEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _byHost = entries
            .GroupBy(e => e.Host, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new HostRoutes(g), StringComparer.OrdinalIgnoreCase);
        _bySpan = _byHost.GetAlternateLookup<ReadOnlySpan<char>>();
        Count = _byHost.Values.Sum(v => v.Entries.Count);
    }

    /// <summary>An index that routes nothing.</summary>
    public static HostRouteIndex Empty { get; } = new([]);

    /// <summary>Number of (host, prefix) entries.</summary>
    public int Count { get; }

    /// <summary>All entries, host by host.</summary>
    public IEnumerable<RouteIndexEntry> Entries => _byHost.Values.SelectMany(v => v.Entries);

    /// <summary>Finds the route for <paramref name="host"/> (without port) and <paramref name="path"/>.</summary>
    public RouteLookupResult Lookup(ReadOnlySpan<char> host, ReadOnlySpan<char> path)
    {
        // "hello.localhost." is the same name as "hello.localhost" (fully qualified form).
        if (host.Length > 0 && host[^1] == '.')
        {
            host = host[..^1];
        }

        if (!_bySpan.TryGetValue(host, out var routes))
        {
            return RouteLookupResult.UnknownHost;
        }

        return routes.Find(path) is { } route ? new RouteLookupResult(route, true) : RouteLookupResult.NoPathMatch;
    }

    /// <summary>Whether <paramref name="prefix"/> covers <paramref name="path"/> on a segment boundary, case-insensitively like ASP.NET routing.</summary>
    internal static bool PrefixCovers(string prefix, ReadOnlySpan<char> path)
    {
        if (prefix.Length == 0)
        {
            return true;
        }

        return path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && (path.Length == prefix.Length || path[prefix.Length] == '/');
    }
}
