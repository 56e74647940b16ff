using System.Text;
using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Storage;

namespace MiniPaas.Registry.Manifests;

/// <summary>
/// Manifests of a repository. The bytes go to the content store under their digest; the repository keeps a
/// link file holding the media type, because the same bytes must be served back with the type they were pushed with.
/// </summary>
internal sealed class ManifestStore(RegistryPaths paths, ContentStore content)
{
    public StoredManifest? TryGet(string repository, Digest digest)
    {
        string mediaType;
        try
        {
            mediaType = File.ReadAllText(paths.ManifestLinkPath(repository, digest), Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return content.TryGetSize(digest) is { } size ? new StoredManifest(digest, mediaType, size) : null;
    }

    public Task<byte[]> ReadAsync(StoredManifest manifest, CancellationToken cancellationToken) =>
        content.ReadAllAsync(manifest.Digest, cancellationToken);

    /// <summary>Bytes first, then the link, so a crash in between leaves only an unreferenced blob.</summary>
    public async Task StoreAsync(string repository, Digest digest, string mediaType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        await content.StoreAsync(digest, body, cancellationToken);
        // The first push decides the media type; identical bytes pushed again keep it.
        await AtomicFile.TryCreateAsync(paths.ManifestLinkPath(repository, digest), Encoding.UTF8.GetBytes(mediaType), paths.NewTempPath(), cancellationToken);
    }

    public bool Unlink(string repository, Digest digest)
    {
        var link = paths.ManifestLinkPath(repository, digest);
        if (!File.Exists(link))
        {
            return false;
        }

        File.Delete(link);
        return true;
    }

    public bool RepositoryExists(string repository) => Directory.Exists(paths.ManifestLinksDirectory(repository));
}
