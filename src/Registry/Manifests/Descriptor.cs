using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Manifests;

/// <summary>A content descriptor inside a manifest. <paramref name="HasUrls"/> marks foreign layers served from elsewhere.</summary>
internal sealed record Descriptor(string Field, string MediaType, Digest Digest, long Size, bool HasUrls);
