using System.Text.Json;
using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Manifests;

/// <summary>
/// Checks the structure of a pushed manifest (image manifest or index, OCI or Docker schema 2) and extracts the
/// descriptors whose targets must exist. Existence itself is checked by the caller against storage.
/// </summary>
internal static class ManifestParser
{
    /// <summary>The spec asks registries to accept at least 4 MiB; more than that is refused rather than buffered.</summary>
    public const int MaxManifestBytes = 4 * 1024 * 1024;

    public static ParsedManifest Parse(ReadOnlyMemory<byte> body, string? contentType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw RegistryErrors.ManifestInvalid($"manifest is not valid JSON: {ex.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw RegistryErrors.ManifestInvalid("manifest must be a JSON object");
            }

            if (!root.TryGetProperty("schemaVersion", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var schemaVersion))
            {
                throw RegistryErrors.ManifestInvalid("manifest has no numeric schemaVersion");
            }

            if (schemaVersion != 2)
            {
                throw RegistryErrors.ManifestInvalid(
                    $"manifest schemaVersion {schemaVersion} is not supported; only schema 2 (Docker v2 or OCI) manifests are accepted");
            }

            var mediaType = EffectiveMediaType(root, contentType);
            return ManifestMediaTypes.IsImageManifest(mediaType)
                ? new ParsedManifest(mediaType, ImageManifestBlobs(root), [])
                : new ParsedManifest(mediaType, [], IndexChildren(root));
        }
    }

    private static string EffectiveMediaType(JsonElement root, string? contentType)
    {
        string? declared = null;
        if (root.TryGetProperty("mediaType", out var mediaTypeElement))
        {
            if (mediaTypeElement.ValueKind != JsonValueKind.String)
            {
                throw RegistryErrors.ManifestInvalid("manifest field mediaType must be a string");
            }

            declared = mediaTypeElement.GetString();
        }

        var header = NormalizeContentType(contentType);
        if (header is not null && declared is not null && !string.Equals(header, declared, StringComparison.Ordinal))
        {
            throw RegistryErrors.ManifestInvalid($"Content-Type {header} does not match the manifest's mediaType {declared}");
        }

        var effective = header ?? declared
            ?? throw RegistryErrors.ManifestInvalid("cannot tell the manifest type: send a Content-Type header or set mediaType in the manifest");
        if (effective is ManifestMediaTypes.DockerSchema1 or ManifestMediaTypes.DockerSchema1Signed)
        {
            throw RegistryErrors.ManifestInvalid($"Docker schema 1 manifests ({effective}) are not supported; push schema 2 or OCI");
        }

        if (!ManifestMediaTypes.IsSupported(effective))
        {
            throw RegistryErrors.ManifestInvalid($"manifest media type {effective} is not supported; use one of {ManifestMediaTypes.SupportedList}");
        }

        return effective;
    }

    /// <summary>Generic JSON types say nothing about the manifest kind, so they count as no Content-Type.</summary>
    private static string? NormalizeContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var bare = (semicolon >= 0 ? contentType[..semicolon] : contentType).Trim().ToLowerInvariant();
        return bare is "" or "application/json" or "application/octet-stream" ? null : bare;
    }

    private static Descriptor[] ImageManifestBlobs(JsonElement root)
    {
        if (!root.TryGetProperty("config", out var config))
        {
            throw RegistryErrors.ManifestInvalid("image manifest has no config descriptor");
        }

        var blobs = new List<Descriptor> { ParseDescriptor(config, "config") };
        blobs.AddRange(ParseDescriptorArray(root, "layers"));
        return [.. blobs];
    }

    private static Descriptor[] IndexChildren(JsonElement root) => ParseDescriptorArray(root, "manifests");

    private static Descriptor[] ParseDescriptorArray(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            throw RegistryErrors.ManifestInvalid($"manifest field {field} must be an array");
        }

        return array.EnumerateArray().Select((element, index) => ParseDescriptor(element, $"{field}[{index}]")).ToArray();
    }

    private static Descriptor ParseDescriptor(JsonElement element, string field)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw RegistryErrors.ManifestInvalid($"manifest field {field} must be a descriptor object");
        }

        if (!element.TryGetProperty("mediaType", out var mediaType) || mediaType.ValueKind != JsonValueKind.String || mediaType.GetString() is not { Length: > 0 } mediaTypeText)
        {
            throw RegistryErrors.ManifestInvalid($"manifest field {field}.mediaType must be a non-empty string");
        }

        var digestText = element.TryGetProperty("digest", out var digestElement) && digestElement.ValueKind == JsonValueKind.String
            ? digestElement.GetString()
            : null;
        if (!Digest.TryParse(digestText, out var digest))
        {
            throw RegistryErrors.ManifestInvalid(
                $"manifest field {field}.digest \"{digestText}\" is not a sha256 digest (sha256: and 64 lowercase hex characters)");
        }

        if (!element.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt64(out var size) || size < 0)
        {
            throw RegistryErrors.ManifestInvalid($"manifest field {field}.size must be a non-negative integer");
        }

        var hasUrls = element.TryGetProperty("urls", out var urls) && urls.ValueKind == JsonValueKind.Array && urls.GetArrayLength() > 0;
        return new Descriptor(field, mediaTypeText, digest, size, hasUrls);
    }
}
