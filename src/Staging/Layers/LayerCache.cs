using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MiniPaas.Staging.Layers;

/// <summary>
/// Keeps stack layers on disk, keyed by a description of their contents, so each stack layer is
/// compressed once per machine and a warm staging only pays for a registry HEAD.
/// Host files are keyed by path, size and modification time rather than hashed: hashing the
/// 100 MB .NET runtime on every staging would cost more than the rest of a warm staging.
/// </summary>
internal sealed class LayerCache
{
    // Bump when the layer format changes, so old cache entries are not reused.
    private const string FormatVersion = "minipaas-layer-v1";

    private readonly string _indexDirectory;
    private readonly SemaphoreSlim _buildLock = new(1, 1);

    public LayerCache(string cacheDirectory)
    {
        BlobDirectory = Path.Combine(cacheDirectory, "blobs", "sha256");
        _indexDirectory = Path.Combine(cacheDirectory, "layers");
    }

    public string BlobDirectory { get; }

    /// <summary>Returns the cached layer for <paramref name="contents"/>, building it first if needed.</summary>
    public async Task<(LayerBlob Blob, bool CacheHit)> GetOrBuildAsync(LayerContents contents, CancellationToken cancellationToken)
    {
        var key = ComputeKey(contents);
        var indexPath = Path.Combine(_indexDirectory, key + ".json");
        if (TryRead(indexPath) is { } cached)
        {
            return (cached, true);
        }

        await _buildLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryRead(indexPath) is { } builtMeanwhile)
            {
                return (builtMeanwhile, true);
            }

            var blob = await LayerWriter.WriteAsync(contents, BlobDirectory, cancellationToken).ConfigureAwait(false);
            Write(indexPath, blob);
            return (blob, false);
        }
        finally
        {
            _buildLock.Release();
        }
    }

    internal static string ComputeKey(LayerContents contents)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var line = new StringBuilder();
        hash.AppendData(Encoding.UTF8.GetBytes(FormatVersion + "\n"));
        foreach (var entry in contents.Entries)
        {
            line.Clear();
            line.Append(entry.Path).Append('\0')
                .Append(entry.Kind).Append('\0')
                .Append((int)entry.Mode).Append('\0')
                .Append(entry.Uid).Append('\0')
                .Append(entry.Gid).Append('\0')
                .Append(entry.LinkTarget).Append('\0');
            if (entry.Content is not null)
            {
                line.Append(Convert.ToHexStringLower(SHA256.HashData(entry.Content)));
            }
            else if (entry.SourcePath is not null)
            {
                var info = new FileInfo(entry.SourcePath);
                line.Append(entry.SourcePath).Append('\0')
                    .Append(info.Length).Append('\0')
                    .Append(info.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture));
            }

            line.Append('\n');
            hash.AppendData(Encoding.UTF8.GetBytes(line.ToString()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private LayerBlob? TryRead(string indexPath)
    {
        try
        {
            if (!File.Exists(indexPath))
            {
                return null;
            }

            using var document = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            var root = document.RootElement;
            var digest = root.GetProperty("digest").GetString()!;
            var diffId = root.GetProperty("diffId").GetString()!;
            var size = root.GetProperty("size").GetInt64();
            var path = Path.Combine(BlobDirectory, Digests.Hex(digest));
            var blobFile = new FileInfo(path);

            // A blob deleted or truncated behind our back means the entry is stale: rebuild.
            return blobFile.Exists && blobFile.Length == size ? new LayerBlob(digest, diffId, size, path) : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException or IOException)
        {
            return null;
        }
    }

    private void Write(string indexPath, LayerBlob blob)
    {
        Directory.CreateDirectory(_indexDirectory);
        var temporaryPath = indexPath + $".partial-{Guid.NewGuid():N}";
        using (var stream = File.Create(temporaryPath))
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("digest", blob.Digest);
            writer.WriteString("diffId", blob.DiffId);
            writer.WriteNumber("size", blob.Size);
            writer.WriteEndObject();
        }

        File.Move(temporaryPath, indexPath, overwrite: true);
    }
}
