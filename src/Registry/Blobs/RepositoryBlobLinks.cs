using System.Text;
using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Storage;

namespace MiniPaas.Registry.Blobs;

/// <summary>
/// Which blobs of the shared content store belong to which repository. A blob is visible in a repository only
/// after it was uploaded or mounted there, as the spec expects; the bytes themselves are stored once.
/// </summary>
internal sealed class RepositoryBlobLinks(RegistryPaths paths, ContentStore content)
{
    /// <summary>Returns the blob's size when it is linked into the repository and present in the store.</summary>
    public long? TryGetSize(string repository, Digest digest) =>
        File.Exists(paths.LayerLinkPath(repository, digest)) ? content.TryGetSize(digest) : null;

    public Task LinkAsync(string repository, Digest digest, CancellationToken cancellationToken)
    {
        var link = paths.LayerLinkPath(repository, digest);
        return File.Exists(link)
            ? Task.CompletedTask
            : AtomicFile.WriteAsync(link, Encoding.UTF8.GetBytes(digest.ToString()), paths.NewTempPath(), cancellationToken);
    }

    public bool Unlink(string repository, Digest digest)
    {
        var link = paths.LayerLinkPath(repository, digest);
        if (!File.Exists(link))
        {
            return false;
        }

        File.Delete(link);
        return true;
    }
}
