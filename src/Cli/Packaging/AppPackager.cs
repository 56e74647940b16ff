using System.Formats.Tar;
using MiniPaas.Cli.Native;

namespace MiniPaas.Cli.Packaging;

/// <summary>
/// AppPackager packs an app directory as a tar archive for <c>UploadPackage</c>: entries are
/// relative paths in ordinal order (so the same directory gives the same package digest), with
/// permission bits kept (start scripts must stay executable) and owners zeroed. <c>.git</c> and the
/// manifest's exclude patterns are left out. A symlink is kept as a link when it points inside the
/// directory and refused when it points outside, before anything is uploaded: the platform would
/// refuse it anyway, and following it could upload files the user never meant to share.
/// </summary>
internal static class AppPackager
{
    /// <summary>Directory names never packed.</summary>
    public static readonly IReadOnlyList<string> AlwaysSkipped = [".git"];

    /// <summary>Writes the tar of <paramref name="sourceDirectory"/> to <paramref name="destination"/>.</summary>
    public static PackingSummary Pack(string sourceDirectory, IReadOnlyList<string> exclude, Stream destination)
    {
        var root = Path.GetFullPath(sourceDirectory);
        if (!Directory.Exists(root))
        {
            throw new PackagingException($"app directory {sourceDirectory} does not exist");
        }

        var patterns = new ExcludePatterns(exclude);
        var state = new PackingState();
        var start = destination.CanSeek ? destination.Position : 0;
        using (var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true))
        {
            PackDirectory(root, root, "", patterns, writer, state);
        }

        var size = destination.CanSeek ? destination.Position - start : -1;
        return new PackingSummary(state.Files, state.Directories, state.Symlinks, size, state.Skipped);
    }

    /// <summary>
    /// Packs into a temporary file that deletes itself when the returned stream is disposed; the
    /// stream is positioned at the start, so its Length is the size the upload header announces.
    /// </summary>
    public static (FileStream Archive, PackingSummary Summary) PackToTemporaryFile(string sourceDirectory, IReadOnlyList<string> exclude)
    {
        var path = Path.Combine(Path.GetTempPath(), $"minipaas-package-{Guid.NewGuid():N}.tar");
        var archive = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            var summary = Pack(sourceDirectory, exclude, archive);
            archive.Position = 0;
            return (archive, summary);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    private static void PackDirectory(
        string root, string directory, string relativeDirectory, ExcludePatterns patterns, TarWriter writer, PackingState state)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(directory).EnumerateFileSystemInfos()
                .OrderBy(e => e.Name, StringComparer.Ordinal)
                .ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackagingException($"cannot read directory {Display(relativeDirectory)}: {e.Message}");
        }

        foreach (var entry in entries)
        {
            var relative = relativeDirectory.Length == 0 ? entry.Name : $"{relativeDirectory}/{entry.Name}";
            var isLink = entry.LinkTarget is not null;
            var isDirectory = !isLink && entry is DirectoryInfo;
            if (AlwaysSkipped.Contains(entry.Name) || patterns.IsExcluded(relative, isDirectory))
            {
                continue;
            }

            if (isLink)
            {
                WriteSymlink(root, entry, relative, writer);
                state.Symlinks++;
            }
            else if (isDirectory)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, relative + "/")
                {
                    Mode = SafeMode(entry),
                    ModificationTime = entry.LastWriteTimeUtc,
                });
                state.Directories++;
                PackDirectory(root, entry.FullName, relative, patterns, writer, state);
            }
            else if (entry is FileInfo && LibC.GetFileKind(entry.FullName) == PosixFileKind.Regular)
            {
                WriteFile(entry, relative, writer);
                state.Files++;
            }
            else
            {
                state.Skipped.Add(relative);
            }
        }
    }

    private static void WriteSymlink(string root, FileSystemInfo link, string relative, TarWriter writer)
    {
        var target = link.LinkTarget!;
        var linkDirectory = Path.GetDirectoryName(link.FullName)!;
        var resolved = Path.GetFullPath(target, linkDirectory);
        var inside = resolved == root || resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside)
        {
            throw new PackagingException(
                $"symlink {relative} -> {target} points outside the app directory; " +
                "replace it with a copy of what it points to, or add it to exclude: in the manifest");
        }

        // An absolute target would mean something else once unpacked elsewhere, so store it relative.
        var linkName = Path.GetRelativePath(linkDirectory, resolved).Replace(Path.DirectorySeparatorChar, '/');
        writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, relative)
        {
            LinkName = linkName,
            ModificationTime = link.LastWriteTimeUtc,
        });
    }

    private static void WriteFile(FileSystemInfo file, string relative, TarWriter writer)
    {
        try
        {
            using var content = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, relative)
            {
                Mode = SafeMode(file),
                ModificationTime = file.LastWriteTimeUtc,
                DataStream = content,
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PackagingException($"cannot read {relative}: {e.Message}");
        }
    }

    private static UnixFileMode SafeMode(FileSystemInfo entry) =>
        entry.UnixFileMode & ~(UnixFileMode.SetUser | UnixFileMode.SetGroup | UnixFileMode.StickyBit);

    private static string Display(string relative) => relative.Length == 0 ? "." : relative;

    private sealed class PackingState
    {
        public int Files { get; set; }

        public int Directories { get; set; }

        public int Symlinks { get; set; }

        public List<string> Skipped { get; } = [];
    }
}
