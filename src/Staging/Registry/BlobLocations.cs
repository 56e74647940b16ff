namespace MiniPaas.Staging.Registry;

/// <summary>
/// Remembers, per registry, one repository that holds each stack layer, so staging a new app can
/// mount the layer from there instead of uploading 50 MB again. Kept in the cache directory so
/// it survives a control-plane restart; a stale entry only costs a declined mount.
/// </summary>
internal sealed class BlobLocations(string cacheDirectory, string registryAuthority)
{
    private readonly string _directory = Path.Combine(cacheDirectory, "blob-locations", registryAuthority.Replace(':', '_'));

    public string? Find(string digest)
    {
        var path = PathFor(digest);
        try
        {
            return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Remember(string digest, string repository)
    {
        Directory.CreateDirectory(_directory);
        var path = PathFor(digest);
        var temporaryPath = path + $".partial-{Guid.NewGuid():N}";
        File.WriteAllText(temporaryPath, repository);
        File.Move(temporaryPath, path, overwrite: true);
    }

    private string PathFor(string digest) => Path.Combine(_directory, Layers.Digests.Hex(digest));
}
