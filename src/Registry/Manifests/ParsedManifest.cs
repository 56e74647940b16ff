namespace MiniPaas.Registry.Manifests;

/// <summary>What the registry needs from a pushed manifest: its type and what it references.</summary>
/// <param name="MediaType">The effective media type, stored and served back as Content-Type.</param>
/// <param name="Blobs">Config and layers of an image manifest; must exist as blobs of the repository.</param>
/// <param name="Manifests">Children of an index; must exist as manifests of the repository.</param>
internal sealed record ParsedManifest(string MediaType, IReadOnlyList<Descriptor> Blobs, IReadOnlyList<Descriptor> Manifests);
