namespace MiniPaas.Staging;

/// <summary>
/// StagingOptions configures where staging keeps its files and how far it trusts an app.
/// Every property has a default that works on a single machine.
/// </summary>
public sealed class StagingOptions
{
    /// <summary>Where stack layers are cached by content. Default: <c>$TMPDIR/minipaas-staging/cache</c>.</summary>
    public string CacheDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "minipaas-staging", "cache");

    /// <summary>Where each staging gets a scratch directory (copied sources, publish output, app layer); removed afterwards. Default: <c>$TMPDIR/minipaas-staging/work</c>.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "minipaas-staging", "work");

    /// <summary>Most bytes an app may hold, uncompressed (upload and app layer). Default: 512 MiB.</summary>
    public long MaxAppBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most files, directories and links an app may hold. Default: 100 000.</summary>
    public int MaxAppEntries { get; set; } = 100_000;

    /// <summary>How long <c>dotnet publish</c> may run for a source app. Default: 5 minutes.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The static busybox binary that gives every image a shell. Default: <c>/bin/busybox</c> (Debian's busybox-static).</summary>
    public string BusyboxPath { get; set; } = "/bin/busybox";

    /// <summary>The host's .NET install copied into the dotnet stack and used to publish source apps. Default: <c>/usr/share/dotnet</c>.</summary>
    public string DotnetRoot { get; set; } = "/usr/share/dotnet";

    /// <summary>Prefix put before the app name to form the repository (e.g. <c>apps/</c>). Default: none.</summary>
    public string RepositoryPrefix { get; set; } = "";
}
