using Microsoft.Extensions.Options;
using MiniPaas.Registry.Hosting;
using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Storage;

/// <summary>
/// The on-disk layout under <see cref="RegistryOptions.DataDirectory"/>. Everything lives on one file system
/// so that a rename from <c>tmp/</c> or <c>uploads/</c> into place is atomic.
/// <code>
/// blobs/sha256/ab/abcd...           content-addressed bytes (layers, configs, manifests)
/// uploads/&lt;uuid&gt;/state.json, data   upload sessions, kept across restarts
/// repositories/&lt;name&gt;/_layers/sha256/&lt;hex&gt;     blob linked into a repository
/// repositories/&lt;name&gt;/_manifests/sha256/&lt;hex&gt;  manifest of the repository (holds its media type)
/// repositories/&lt;name&gt;/_tags/&lt;tag&gt;              tag -> digest, never rewritten
/// tmp/                              staging for atomic writes, emptied at start-up
/// </code>
/// Repository name components cannot start with '_', so the underscore directories never collide with names.
/// </summary>
internal sealed class RegistryPaths
{
    public RegistryPaths(IOptions<RegistryOptions> options)
    {
        Root = Path.GetFullPath(options.Value.DataDirectory);
        BlobsRoot = Path.Combine(Root, "blobs", "sha256");
        UploadsRoot = Path.Combine(Root, "uploads");
        RepositoriesRoot = Path.Combine(Root, "repositories");
        TempRoot = Path.Combine(Root, "tmp");
    }

    public string Root { get; }

    public string BlobsRoot { get; }

    public string UploadsRoot { get; }

    public string RepositoriesRoot { get; }

    public string TempRoot { get; }

    public string BlobPath(Digest digest) => Path.Combine(BlobsRoot, digest.Hex[..2], digest.Hex);

    public string UploadDirectory(Guid uploadId) => Path.Combine(UploadsRoot, uploadId.ToString("N"));

    /// <summary>Only called with names that passed <see cref="RepositoryName.IsValid"/>, so no '..' can appear.</summary>
    public string RepositoryDirectory(string name) => Path.Combine(RepositoriesRoot, name.Replace('/', Path.DirectorySeparatorChar));

    public string LayerLinkPath(string name, Digest digest) => Path.Combine(RepositoryDirectory(name), "_layers", "sha256", digest.Hex);

    public string ManifestLinksDirectory(string name) => Path.Combine(RepositoryDirectory(name), "_manifests", "sha256");

    public string ManifestLinkPath(string name, Digest digest) => Path.Combine(ManifestLinksDirectory(name), digest.Hex);

    public string TagsDirectory(string name) => Path.Combine(RepositoryDirectory(name), "_tags");

    /// <summary>Only called with tags that passed <c>TagName.IsValid</c>, which excludes '/' and leading '.'.</summary>
    public string TagPath(string name, string tag) => Path.Combine(TagsDirectory(name), tag);

    public string NewTempPath() => Path.Combine(TempRoot, Guid.NewGuid().ToString("N") + ".tmp");
}
