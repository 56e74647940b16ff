namespace MiniPaas.Cli.Packaging;

/// <summary>
/// PackingSummary says what went into a package: counts, the archive's size, and the special files
/// (sockets, pipes, devices) that a tar of an app cannot carry and were left out.
/// </summary>
internal sealed record PackingSummary(int Files, int Directories, int Symlinks, long ArchiveBytes, IReadOnlyList<string> Skipped);
