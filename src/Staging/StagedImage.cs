namespace MiniPaas.Staging;

/// <summary>
/// StagedImage is the result of staging: an image pushed to the registry and pinned by its
/// manifest digest, which is what an immutable release records.
/// </summary>
public sealed class StagedImage
{
    /// <summary>The repository inside the registry, e.g. <c>hello</c>.</summary>
    public required string Repository { get; init; }

    /// <summary>The manifest digest, e.g. <c>sha256:4f…</c>.</summary>
    public required string ManifestDigest { get; init; }

    /// <summary>A reference a container engine can pull: <c>127.0.0.1:5000/hello@sha256:…</c>.</summary>
    public required string ImageReference { get; init; }

    /// <summary>Total bytes of the manifest, config and all (compressed) layers.</summary>
    public required long Size { get; init; }

    /// <summary>The stack the image was built on.</summary>
    public required string Stack { get; init; }

    /// <summary>The start command (image Cmd, run by <c>/bin/sh -c</c>).</summary>
    public required string Command { get; init; }

    /// <summary>Layer digests, bottom first: the stack's layers, then the app layer last.</summary>
    public required IReadOnlyList<string> LayerDigests { get; init; }
}
