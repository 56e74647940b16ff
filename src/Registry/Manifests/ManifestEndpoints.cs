using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MiniPaas.Registry.Blobs;
using MiniPaas.Registry.Hosting;
using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Tags;

namespace MiniPaas.Registry.Manifests;

/// <summary><c>HEAD/GET/PUT/DELETE /v2/&lt;name&gt;/manifests/&lt;tag or digest&gt;</c>, with immutable tags.</summary>
internal sealed class ManifestEndpoints(
    ManifestStore manifests,
    TagStore tags,
    RepositoryBlobLinks blobs,
    IOptions<RegistryOptions> options,
    ILogger<ManifestEndpoints> logger)
{
    public async Task GetAsync(HttpContext context, string repository, string reference, bool headOnly)
    {
        var manifest = Resolve(repository, reference) ?? throw RegistryErrors.ManifestUnknown(repository, reference);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Size;
        response.Headers[RegistryHeaders.ContentDigest] = manifest.Digest.ToString();
        response.Headers.ETag = $"\"{manifest.Digest}\"";
        if (!headOnly)
        {
            var bytes = await manifests.ReadAsync(manifest, context.RequestAborted);
            await response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    public async Task PutAsync(HttpContext context, string repository, string reference)
    {
        var cancellationToken = context.RequestAborted;
        var body = await ReadBodyAsync(context.Request, cancellationToken);
        var digest = Digest.FromSha256(SHA256.HashData(body));

        string? tag = null;
        if (LooksLikeDigest(reference))
        {
            var claimed = Digest.Parse(reference, "manifest reference");
            if (claimed != digest)
            {
                throw RegistryErrors.DigestInvalid(
                    $"manifest pushed as {claimed} has digest {digest}",
                    new Dictionary<string, string> { ["expected"] = claimed.ToString(), ["actual"] = digest.ToString() });
            }
        }
        else
        {
            tag = TagName.EnsureValid(reference);
        }

        var parsed = ManifestParser.Parse(body, context.Request.ContentType);
        EnsureReferencesExist(repository, parsed);

        // Checked before storing anything so a refused push leaves no trace; re-checked atomically below.
        if (tag is not null && tags.TryGet(repository, tag) is { } existing && existing != digest)
        {
            throw TagConflict(repository, tag, existing, digest);
        }

        await manifests.StoreAsync(repository, digest, parsed.MediaType, body, cancellationToken);
        RegistryLog.ManifestStored(logger, repository, digest.ToString(), parsed.MediaType);

        if (tag is not null)
        {
            var written = await tags.TryCreateAsync(repository, tag, digest, cancellationToken);
            switch (written.Outcome)
            {
                case TagWriteOutcome.Conflict:
                    throw TagConflict(repository, tag, written.Current, digest);
                case TagWriteOutcome.Created:
                    RegistryLog.TagCreated(logger, repository, tag, digest.ToString());
                    break;
            }
        }

        var headers = context.Response.Headers;
        headers.Location = $"{context.Request.PathBase}/v2/{repository}/manifests/{digest}";
        headers[RegistryHeaders.ContentDigest] = digest.ToString();
        RegistryResponses.WriteEmpty(context.Response, StatusCodes.Status201Created);
    }

    public Task DeleteAsync(HttpContext context, string repository, string reference)
    {
        if (!options.Value.AllowDelete)
        {
            throw RegistryErrors.DeleteDisabled("manifests and tags");
        }

        if (LooksLikeDigest(reference))
        {
            var digest = Digest.Parse(reference, "manifest reference");
            if (!manifests.Unlink(repository, digest))
            {
                throw RegistryErrors.ManifestUnknown(repository, reference);
            }

            // A tag must never resolve to a manifest that is gone.
            foreach (var tag in tags.TagsPointingTo(repository, digest))
            {
                tags.Delete(repository, tag);
                RegistryLog.TagDeleted(logger, repository, tag);
            }

            RegistryLog.ManifestDeleted(logger, repository, digest.ToString());
        }
        else
        {
            if (!TagName.IsValid(reference) || !tags.Delete(repository, reference))
            {
                throw RegistryErrors.ManifestUnknown(repository, reference);
            }

            RegistryLog.TagDeleted(logger, repository, reference);
        }

        RegistryResponses.WriteEmpty(context.Response, StatusCodes.Status202Accepted);
        return Task.CompletedTask;
    }

    private StoredManifest? Resolve(string repository, string reference)
    {
        if (LooksLikeDigest(reference))
        {
            return manifests.TryGet(repository, Digest.Parse(reference, "manifest reference"));
        }

        TagName.EnsureValid(reference);
        return tags.TryGet(repository, reference) is { } digest ? manifests.TryGet(repository, digest) : null;
    }

    private void EnsureReferencesExist(string repository, ParsedManifest parsed)
    {
        foreach (var blob in parsed.Blobs)
        {
            if (blob.HasUrls)
            {
                // Foreign layers are fetched by clients from their URLs, never from this registry.
                continue;
            }

            var size = blobs.TryGetSize(repository, blob.Digest) ?? throw ReferenceUnknown(repository, blob, "blob");
            EnsureSizeMatches(blob, size);
        }

        foreach (var child in parsed.Manifests)
        {
            var stored = manifests.TryGet(repository, child.Digest) ?? throw ReferenceUnknown(repository, child, "manifest");
            EnsureSizeMatches(child, stored.Size);
        }
    }

    private static void EnsureSizeMatches(Descriptor descriptor, long actualSize)
    {
        if (descriptor.Size != actualSize)
        {
            throw RegistryErrors.ManifestInvalid(
                $"manifest field {descriptor.Field} says {descriptor.Digest} has {descriptor.Size} bytes, but the stored content has {actualSize}");
        }
    }

    private static RegistryException ReferenceUnknown(string repository, Descriptor descriptor, string kind) => new(
        StatusCodes.Status400BadRequest,
        RegistryErrorCode.ManifestBlobUnknown,
        $"manifest field {descriptor.Field} references {kind} {descriptor.Digest}, which repository \"{repository}\" does not have; push it first",
        new Dictionary<string, string> { ["digest"] = descriptor.Digest.ToString() });

    private RegistryException TagConflict(string repository, string tag, Digest existing, Digest attempted)
    {
        RegistryLog.TagConflict(logger, repository, tag, existing.ToString(), attempted.ToString());
        return new RegistryException(
            StatusCodes.Status409Conflict,
            RegistryErrorCode.Denied,
            $"tag \"{tag}\" of repository \"{repository}\" is immutable: it points to {existing} and cannot be moved to {attempted}; push under a new tag",
            new Dictionary<string, string>
            {
                ["tag"] = tag,
                ["existing"] = existing.ToString(),
                ["attempted"] = attempted.ToString(),
            });
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        const int limit = ManifestParser.MaxManifestBytes;
        if (request.ContentLength > limit)
        {
            throw RegistryErrors.TooLarge("manifest", limit, "fixed at 4 MiB by the registry");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw RegistryErrors.TooLarge("manifest", limit, "fixed at 4 MiB by the registry");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Tags cannot contain ':', digests always do; so the colon alone decides how to read a reference.
    private static bool LooksLikeDigest(string reference) => reference.Contains(':', StringComparison.Ordinal);
}
