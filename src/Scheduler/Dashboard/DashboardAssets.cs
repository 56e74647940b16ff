using System.Reflection;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardAssets serves the page, script and stylesheet embedded in this assembly
/// (Dashboard/Assets/*), so the dashboard works offline: no CDN, no npm, nothing fetched.
/// </summary>
internal static class DashboardAssets
{
    private static readonly Dictionary<string, (string ResourceName, string ContentType)> Files = new(StringComparer.Ordinal)
    {
        ["/"] = ("index.html", "text/html; charset=utf-8"),
        ["/assets/dashboard.js"] = ("dashboard.js", "text/javascript; charset=utf-8"),
        ["/assets/dashboard.css"] = ("dashboard.css", "text/css; charset=utf-8"),
        ["/assets/unauthorized.html"] = ("unauthorized.html", "text/html; charset=utf-8"),
    };

    private static readonly Dictionary<string, byte[]> Cache = Files.Values.ToDictionary(f => f.ResourceName, f => Load(f.ResourceName), StringComparer.Ordinal);

    /// <summary>The asset served at <paramref name="path"/>, if any.</summary>
    public static (byte[] Content, string ContentType)? Find(string path) =>
        Files.TryGetValue(path, out var file) ? (Cache[file.ResourceName], file.ContentType) : null;

    /// <summary>The page shown to a browser without a session.</summary>
    public static byte[] UnauthorizedPage => Cache["unauthorized.html"];

    private static byte[] Load(string name)
    {
        var resource = "MiniPaas.Scheduler.Dashboard.Assets." + name;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded dashboard asset '{resource}' is missing from the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
