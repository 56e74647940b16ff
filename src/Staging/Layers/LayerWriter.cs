using System.Formats.Tar;
using System.IO.Compression;

namespace MiniPaas.Staging.Layers;

/// <summary>
/// Writes a layer as a reproducible tar.gz: entries sorted by path, one fixed time for every
/// entry, numeric owners only, GNU headers (the PAX writer embeds the process id in its extended
/// header names, which would change the digest on every run).
/// </summary>
internal static class LayerWriter
{
    /// <summary>Every entry's time. 1980-01-01 rather than 0 because some tools treat 0 as "unset".</summary>
    public static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 1, TimeSpan.Zero);

    /// <summary>
    /// Writes <paramref name="contents"/> into <paramref name="blobDirectory"/> and names the file
    /// after its digest, so two writers of the same layer end with the same single file.
    /// </summary>
    public static async Task<LayerBlob> WriteAsync(LayerContents contents, string blobDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(blobDirectory);
        var temporaryPath = Path.Combine(blobDirectory, $".partial-{Guid.NewGuid():N}");
        try
        {
            string digest;
            string diffId;
            long size;
            var file = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                using var compressedHash = new HashingWriteStream(file, leaveOpen: true);
                var gzip = new GZipStream(compressedHash, CompressionLevel.Optimal, leaveOpen: true);
                await using (gzip.ConfigureAwait(false))
                {
                    using var uncompressedHash = new HashingWriteStream(gzip, leaveOpen: true);
                    var writer = new TarWriter(uncompressedHash, TarEntryFormat.Gnu, leaveOpen: true);
                    await using (writer.ConfigureAwait(false))
                    {
                        foreach (var entry in contents.Entries)
                        {
                            await WriteEntryAsync(writer, entry, cancellationToken).ConfigureAwait(false);
                        }
                    }

                    diffId = uncompressedHash.Digest();
                }

                digest = compressedHash.Digest();
                size = compressedHash.BytesWritten;
            }

            var finalPath = Path.Combine(blobDirectory, Digests.Hex(digest));
            File.Move(temporaryPath, finalPath, overwrite: true);
            return new LayerBlob(digest, diffId, size, finalPath);
        }
        finally
        {
            File.Delete(temporaryPath);
        }
    }

    private static async Task WriteEntryAsync(TarWriter writer, LayerEntry entry, CancellationToken cancellationToken)
    {
        var (type, name) = entry.Kind switch
        {
            LayerEntryKind.Directory => (TarEntryType.Directory, entry.Path + "/"),
            LayerEntryKind.Symlink => (TarEntryType.SymbolicLink, entry.Path),
            _ => (TarEntryType.RegularFile, entry.Path),
        };

        var tarEntry = new GnuTarEntry(type, name)
        {
            Mode = entry.Mode,
            Uid = entry.Uid,
            Gid = entry.Gid,
            ModificationTime = FixedTime,
            AccessTime = FixedTime,
            ChangeTime = FixedTime,
        };

        if (entry.Kind == LayerEntryKind.Symlink)
        {
            tarEntry.LinkName = entry.LinkTarget!;
        }

        if (entry.Kind != LayerEntryKind.File)
        {
            await writer.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (entry.Content is not null)
        {
            tarEntry.DataStream = new MemoryStream(entry.Content, writable: false);
            await writer.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
            return;
        }

        var source = new FileStream(entry.SourcePath!, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (source.ConfigureAwait(false))
        {
            tarEntry.DataStream = source;
            await writer.WriteEntryAsync(tarEntry, cancellationToken).ConfigureAwait(false);
        }
    }
}
