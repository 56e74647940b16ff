using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Manifests;

/// <summary>A manifest known to a repository: its digest, the media type it was pushed with, and its size.</summary>
internal sealed record StoredManifest(Digest Digest, string MediaType, long Size);
