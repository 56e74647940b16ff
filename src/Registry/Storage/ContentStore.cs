using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Storage;

/// <summary>
/// The content-addressed store shared by all repositories. A file's name is the sha256 of its bytes, so once
/// a file is in place it never changes; writers only ever add whole files by rename.
/// </summary>
internal sealed class ContentStore(RegistryPaths paths)
{
    public string PathOf(Digest digest) => paths.BlobPath(digest);

    public long? TryGetSize(Digest digest)
    {
        var file = new FileInfo(paths.BlobPath(digest));
        return file.Exists ? file.Length : null;
    }

    /// <summary>Moves an already verified file into the store; if the blob is already there, the source is dropped.</summary>
    public void Commit(string verifiedSourcePath, Digest digest)
    {
        var target = paths.BlobPath(digest);
        if (File.Exists(target))
        {
            File.Delete(verifiedSourcePath);
            return;
        }

        // Overwriting is safe here: a concurrent commit of the same digest has identical bytes, and rename swaps
        // the name atomically, so a reader holding the old file keeps reading complete content.
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(verifiedSourcePath, target, overwrite: true);
    }

    /// <summary>Stores small content (manifests) held in memory; the caller has computed <paramref name="digest"/> from it.</summary>
    public async Task StoreAsync(Digest digest, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var target = paths.BlobPath(digest);
        if (!File.Exists(target))
        {
            await AtomicFile.WriteAsync(target, content, paths.NewTempPath(), cancellationToken);
        }
    }

    public Task<byte[]> ReadAllAsync(Digest digest, CancellationToken cancellationToken) =>
        File.ReadAllBytesAsync(paths.BlobPath(digest), cancellationToken);
}
