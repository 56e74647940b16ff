namespace MiniPaas.Router.Routing;

/// <summary>
/// The routes of one host: prefixed routes bucketed by their first path segment (longest prefix first
/// within a bucket), plus the optional all-paths route. A lookup reads one bucket, however many
/// prefixes the host has.
/// </summary>
internal sealed class HostRoutes
{
    private readonly Dictionary<string, RouteIndexEntry[]> _byFirstSegment;
    private readonly Dictionary<string, RouteIndexEntry[]>.AlternateLookup<ReadOnlySpan<char>> _bySegmentSpan;
    private readonly RouteIndexEntry? _allPaths;

    public HostRoutes(IEnumerable<RouteIndexEntry> entries)
    {
        var distinct = entries.DistinctBy(e => e.PathPrefix, StringComparer.OrdinalIgnoreCase).ToList();
        _allPaths = distinct.FirstOrDefault(e => e.PathPrefix.Length == 0);
        _byFirstSegment = distinct
            .Where(e => e.PathPrefix.Length > 0)
            .GroupBy(e => FirstSegment(e.PathPrefix).ToString(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.PathPrefix.Length).ToArray(), StringComparer.OrdinalIgnoreCase);
        _bySegmentSpan = _byFirstSegment.GetAlternateLookup<ReadOnlySpan<char>>();
        Entries = distinct;
    }

    public IReadOnlyList<RouteIndexEntry> Entries { get; }

    public RouteIndexEntry? Find(ReadOnlySpan<char> path)
    {
        if (_byFirstSegment.Count > 0 && _bySegmentSpan.TryGetValue(FirstSegment(path), out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (HostRouteIndex.PrefixCovers(candidate.PathPrefix, path))
                {
                    return candidate;
                }
            }
        }

        return _allPaths;
    }

    /// <summary>"/v2/users" → "v2"; "/" → "".</summary>
    private static ReadOnlySpan<char> FirstSegment(ReadOnlySpan<char> path)
    {
        if (path.Length > 0 && path[0] == '/')
        {
            path = path[1..];
        }

        var slash = path.IndexOf('/');
        return slash < 0 ? path : path[..slash];
    }
}
