using System.Formats.Tar;
using System.IO.Compression;
using MiniPaas.Staging.Archive;

namespace MiniPaas.Staging;

/// <summary>
/// AppArchive extracts an uploaded app (a tar stream, optionally gzip-compressed) into a staging
/// directory without trusting it: entries that would land outside the directory (<c>..</c>,
/// absolute paths, links that escape, paths through links), device files and archives past the
/// size or entry limits are refused with a <see cref="StagingException"/> naming the entry.
/// Limits are enforced while streaming, so an oversized upload never fills the disk.
/// </summary>
public sealed class AppArchive
{
    private const int CopyBufferSize = 81920;

    // Headers are buffered by TarReader; this much per entry covers PAX records and long names.
    private const long HeaderAllowancePerEntry = 4096;

    private const UnixFileMode DirectoryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode PlainFileMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode ExecutableFileMode = DirectoryMode;

    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Most bytes of file content the archive may hold, uncompressed. Default: 512 MiB.</summary>
    public long MaxBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Most entries (files, directories, links) the archive may hold. Default: 100 000.</summary>
    public int MaxEntries { get; init; } = 100_000;

    /// <summary>An extractor with the app limits of <paramref name="options"/> (<see cref="StagingOptions.MaxAppBytes"/>, <see cref="StagingOptions.MaxAppEntries"/>).</summary>
    public static AppArchive For(StagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AppArchive { MaxBytes = options.MaxAppBytes, MaxEntries = options.MaxAppEntries };
    }

    /// <summary>
    /// Extracts <paramref name="archive"/> into <paramref name="destinationDirectory"/>, which is
    /// created if missing and must be empty. On any refusal the partly extracted files are removed.
    /// Only permission bits that matter survive: directories become 0755, files 0755 if the entry
    /// was executable and 0644 otherwise; ownership and times are not kept.
    /// </summary>
    /// <exception cref="StagingException">The archive is malformed, too large, or holds an unsafe entry.</exception>
    public async Task<AppArchiveSummary> ExtractAsync(Stream archive, string destinationDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationDirectory);
        if (MaxBytes <= 0 || MaxEntries <= 0)
        {
            throw new ArgumentException($"AppArchive limits must be positive (MaxBytes={MaxBytes}, MaxEntries={MaxEntries}).");
        }

        var root = Path.GetFullPath(destinationDirectory);
        Directory.CreateDirectory(root);
        if (Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new StagingException($"Cannot extract the app into '{root}': the directory is not empty.");
        }

        try
        {
            var extraction = new Extraction(root, this);
            await extraction.RunAsync(archive, cancellationToken).ConfigureAwait(false);
            return new AppArchiveSummary(extraction.EntryCount, extraction.ByteCount);
        }
        catch
        {
            // Leave nothing behind that a later step could read through an unchecked link.
            TryDeleteContents(root);
            throw;
        }
    }

    private static void TryDeleteContents(string root)
    {
        try
        {
            foreach (var path in Directory.EnumerateFileSystemEntries(root))
            {
                if (new FileInfo(path).LinkTarget is null && Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }
                else
                {
                    File.Delete(path);
                }
            }
        }
        catch (IOException)
        {
            // Best effort: the caller owns the directory and removes it anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above.
        }
    }

    /// <summary>The state of one extraction; kept apart so AppArchive itself stays reusable and thread-safe.</summary>
    private sealed class Extraction(string root, AppArchive limits)
    {
        private readonly Dictionary<string, string> _symlinks = new(StringComparer.Ordinal);

        public int EntryCount { get; private set; }

        public long ByteCount { get; private set; }

        public async Task RunAsync(Stream archive, CancellationToken cancellationToken)
        {
            var tarStream = await OpenDecompressedAsync(archive, cancellationToken).ConfigureAwait(false);
            await using var _ = tarStream.ConfigureAwait(false);
            var rawLimit = limits.MaxBytes + ((limits.MaxEntries + 2L) * HeaderAllowancePerEntry) + (1024 * 1024);
            var bounded = new BoundedReadStream(tarStream, rawLimit);
            var reader = new TarReader(bounded, leaveOpen: true);
            await using var __ = reader.ConfigureAwait(false);

            while (true)
            {
                TarEntry? entry;
                try
                {
                    entry = await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
                {
                    var after = EntryCount == 0 ? "at its start" : $"after {EntryCount} entries";
                    throw new StagingException($"The upload is not a valid tar archive ({after}): {ex.Message}", ex);
                }

                if (entry is null)
                {
                    break;
                }

                await ExtractEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            }

            VerifySymlinksStayInside();
        }

        private static async Task<Stream> OpenDecompressedAsync(Stream archive, CancellationToken cancellationToken)
        {
            var magic = new byte[2];
            var read = 0;
            while (read < magic.Length)
            {
                var n = await archive.ReadAsync(magic.AsMemory(read), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var replayed = new PrefixedReadStream(magic, read, archive);
            var isGzip = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            return isGzip ? new GZipStream(replayed, CompressionMode.Decompress) : replayed;
        }

        private async Task ExtractEntryAsync(TarEntry entry, CancellationToken cancellationToken)
        {
            if (entry.EntryType == TarEntryType.GlobalExtendedAttributes)
            {
                return;
            }

            EntryCount++;
            if (EntryCount > limits.MaxEntries)
            {
                throw new StagingException($"Archive entry '{entry.Name}' is one too many: an app may hold at most {limits.MaxEntries} entries.");
            }

            var relative = NormalizeEntryName(entry.Name);
            if (relative.Length == 0)
            {
                // "./" itself: the destination already exists.
                return;
            }

            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    CreateDirectory(entry.Name, relative);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                    await WriteFileAsync(entry, relative, cancellationToken).ConfigureAwait(false);
                    break;
                case TarEntryType.SymbolicLink:
                    CreateSymlink(entry, relative);
                    break;
                case TarEntryType.HardLink:
                    await CopyHardLinkAsync(entry, relative, cancellationToken).ConfigureAwait(false);
                    break;
                case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                    throw new StagingException($"Archive entry '{entry.Name}' is a device file; apps may only contain files, directories and links.");
                case TarEntryType.Fifo:
                    throw new StagingException($"Archive entry '{entry.Name}' is a FIFO; apps may only contain files, directories and links.");
                default:
                    throw new StagingException($"Archive entry '{entry.Name}' has unsupported type {entry.EntryType}; apps may only contain files, directories and links.");
            }
        }

        private static string NormalizeEntryName(string name) => NormalizeArchivePath(name, name, "path");

        private static string NormalizeArchivePath(string path, string entryName, string what)
        {
            if (path.Contains('\0'))
            {
                throw new StagingException($"Archive entry '{entryName}' has a {what} containing a NUL character.");
            }

            if (path.StartsWith('/'))
            {
                throw new StagingException($"Archive entry '{entryName}' has an absolute {what} '{path}'; entries must be relative to the app directory.");
            }

            var parts = new List<string>();
            foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "..")
                {
                    throw new StagingException($"Archive entry '{entryName}' has a {what} '{path}' with a '..' component; entries must stay inside the app directory.");
                }

                if (part != ".")
                {
                    parts.Add(part);
                }
            }

            return string.Join('/', parts);
        }

        private string FullPath(string relative) => Path.Combine(root, relative);

        private void CreateDirectory(string entryName, string relative)
        {
            EnsureParentDirectories(entryName, relative);
            var path = FullPath(relative);
            var existing = new FileInfo(path);
            if (existing.LinkTarget is not null || existing.Exists)
            {
                throw new StagingException($"Archive entry '{entryName}' is a directory, but an earlier entry already created a file or link at that path.");
            }

            Directory.CreateDirectory(path);
            File.SetUnixFileMode(path, DirectoryMode);
        }

        /// <summary>
        /// Creates the missing parents of an entry and refuses a path that goes through a link:
        /// a link checked when it was created could otherwise redirect a later entry outside.
        /// </summary>
        private void EnsureParentDirectories(string entryName, string relative)
        {
            var parts = relative.Split('/');
            var current = root;
            for (var i = 0; i < parts.Length - 1; i++)
            {
                current = Path.Combine(current, parts[i]);
                var info = new FileInfo(current);
                if (info.LinkTarget is not null)
                {
                    throw new StagingException($"Archive entry '{entryName}' goes through the link '{string.Join('/', parts[..(i + 1)])}'; entries may not be written through links.");
                }

                if (info.Exists)
                {
                    throw new StagingException($"Archive entry '{entryName}' needs '{string.Join('/', parts[..(i + 1)])}' to be a directory, but it is a file.");
                }

                if (!Directory.Exists(current))
                {
                    Directory.CreateDirectory(current);
                    File.SetUnixFileMode(current, DirectoryMode);
                }
            }
        }

        /// <summary>Removes what a repeated entry replaces (tar appends; the last entry wins), never writing through a link.</summary>
        private void PrepareTarget(string entryName, string path)
        {
            var existing = new FileInfo(path);
            if (existing.LinkTarget is not null || existing.Exists)
            {
                File.Delete(path);
                _symlinks.Remove(path);
            }
            else if (Directory.Exists(path))
            {
                throw new StagingException($"Archive entry '{entryName}' would replace the directory at the same path.");
            }
        }

        private void ReserveBytes(string entryName, long length)
        {
            if (length < 0 || ByteCount + length > limits.MaxBytes)
            {
                throw new StagingException($"Archive entry '{entryName}' ({length} bytes) takes the app past its limit of {limits.MaxBytes} bytes ({ByteCount} bytes extracted before it).");
            }
        }

        private async Task WriteFileAsync(TarEntry entry, string relative, CancellationToken cancellationToken)
        {
            // Refused before a byte is written: the header states the size up front.
            ReserveBytes(entry.Name, entry.Length);
            EnsureParentDirectories(entry.Name, relative);
            var path = FullPath(relative);
            PrepareTarget(entry.Name, path);

            var mode = (entry.Mode & AnyExecute) != 0 ? ExecutableFileMode : PlainFileMode;
            var output = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = mode,
                Options = FileOptions.Asynchronous,
            });
            await using (output.ConfigureAwait(false))
            {
                if (entry.DataStream is not null)
                {
                    await CopyWithinBudgetAsync(entry.Name, entry.DataStream, output, cancellationToken).ConfigureAwait(false);
                }
            }

            File.SetUnixFileMode(path, mode);
        }

        private async Task CopyWithinBudgetAsync(string entryName, Stream source, Stream destination, CancellationToken cancellationToken)
        {
            var buffer = new byte[CopyBufferSize];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                // The header length was already checked; this guards sources whose length lies.
                ReserveBytes(entryName, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                ByteCount += read;
            }
        }

        private void CreateSymlink(TarEntry entry, string relative)
        {
            var target = entry.LinkName;
            if (string.IsNullOrEmpty(target))
            {
                throw new StagingException($"Archive entry '{entry.Name}' is a symlink without a target.");
            }

            if (target.Contains('\0'))
            {
                throw new StagingException($"Archive entry '{entry.Name}' is a symlink whose target contains a NUL character.");
            }

            if (target.StartsWith('/'))
            {
                throw new StagingException($"Archive entry '{entry.Name}' is a symlink to the absolute path '{target}', which escapes the app directory.");
            }

            var parent = relative.Contains('/') ? relative[..relative.LastIndexOf('/')] : "";
            if (!StaysInside(parent, target))
            {
                throw new StagingException($"Archive entry '{entry.Name}' is a symlink to '{target}', which escapes the app directory.");
            }

            EnsureParentDirectories(entry.Name, relative);
            var path = FullPath(relative);
            PrepareTarget(entry.Name, path);
            File.CreateSymbolicLink(path, target);
            _symlinks[path] = entry.Name;
        }

        /// <summary>Lexical check: walking <paramref name="target"/> from <paramref name="fromDirectory"/> never climbs above the root.</summary>
        private static bool StaysInside(string fromDirectory, string target)
        {
            var depth = fromDirectory.Length == 0 ? 0 : fromDirectory.Split('/').Length;
            foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == "..")
                {
                    depth--;
                    if (depth < 0)
                    {
                        return false;
                    }
                }
                else if (part != ".")
                {
                    depth++;
                }
            }

            return true;
        }

        private async Task CopyHardLinkAsync(TarEntry entry, string relative, CancellationToken cancellationToken)
        {
            // Hard link targets are archive paths, relative to the archive root.
            var targetRelative = NormalizeArchivePath(entry.LinkName, entry.Name, "hard link target");
            if (targetRelative.Length == 0)
            {
                throw new StagingException($"Archive entry '{entry.Name}' is a hard link to the app directory itself.");
            }

            EnsureExistingPathHasNoLinks(entry.Name, targetRelative);
            var targetPath = FullPath(targetRelative);
            var targetInfo = new FileInfo(targetPath);
            if (targetInfo.LinkTarget is not null || !targetInfo.Exists)
            {
                throw new StagingException($"Archive entry '{entry.Name}' is a hard link to '{entry.LinkName}', which is not a file extracted earlier from the archive.");
            }

            // A copy instead of a real hard link: the app layer is written file by file anyway.
            ReserveBytes(entry.Name, targetInfo.Length);
            EnsureParentDirectories(entry.Name, relative);
            var path = FullPath(relative);
            if (path == targetPath)
            {
                return;
            }

            PrepareTarget(entry.Name, path);
            var mode = File.GetUnixFileMode(targetPath);
            var source = new FileStream(targetPath, FileMode.Open, FileAccess.Read, FileShare.Read, CopyBufferSize, useAsync: true);
            await using (source.ConfigureAwait(false))
            {
                var output = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = mode,
                    Options = FileOptions.Asynchronous,
                });
                await using (output.ConfigureAwait(false))
                {
                    await CopyWithinBudgetAsync(entry.Name, source, output, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        private void EnsureExistingPathHasNoLinks(string entryName, string relative)
        {
            var current = root;
            foreach (var part in relative.Split('/'))
            {
                current = Path.Combine(current, part);
                if (new FileInfo(current).LinkTarget is not null)
                {
                    throw new StagingException($"Archive entry '{entryName}' is a hard link through the symlink '{Path.GetRelativePath(root, current)}'; hard links must name a file directly.");
                }
            }
        }

        /// <summary>
        /// Once the tree is final, resolves every symlink the way the kernel would (links inside
        /// the target path included): a target like <c>dir-link/..</c> passes the lexical check
        /// but climbs out when <c>dir-link</c> points at the root.
        /// </summary>
        private void VerifySymlinksStayInside()
        {
            foreach (var (path, entryName) in _symlinks)
            {
                if (!ResolvesInside(path))
                {
                    throw new StagingException($"Archive entry '{entryName}' is a symlink to '{new FileInfo(path).LinkTarget}', which escapes the app directory.");
                }
            }
        }

        private bool ResolvesInside(string linkPath)
        {
            // Components still to walk, outermost last, so a link's target is pushed in front of the rest.
            var pending = new Stack<string>();
            var rel = Path.GetRelativePath(root, linkPath);
            foreach (var part in rel.Split('/').Reverse())
            {
                pending.Push(part);
            }

            var resolved = new List<string>();
            var hops = 0;
            while (pending.Count > 0)
            {
                var part = pending.Pop();
                if (part is "" or ".")
                {
                    continue;
                }

                if (part == "..")
                {
                    if (resolved.Count == 0)
                    {
                        return false;
                    }

                    resolved.RemoveAt(resolved.Count - 1);
                    continue;
                }

                var candidate = Path.Combine(root, string.Join('/', resolved.Append(part)));
                var target = new FileInfo(candidate).LinkTarget;
                if (target is null)
                {
                    resolved.Add(part);
                    continue;
                }

                if (++hops > 40 || target.StartsWith('/'))
                {
                    // A loop or an absolute target; neither can be shown to stay inside.
                    return false;
                }

                foreach (var targetPart in target.Split('/').Reverse())
                {
                    pending.Push(targetPart);
                }
            }

            return true;
        }
    }
}
