namespace MiniPaas.Staging.Layers;

/// <summary>
/// A finished layer: the gzip blob on disk, its digest (of the compressed bytes, what the
/// registry stores) and its diff_id (of the uncompressed tar, what the image config lists).
/// </summary>
internal sealed record LayerBlob(string Digest, string DiffId, long Size, string FilePath);
