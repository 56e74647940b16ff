using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MiniPaas.Registry.Hosting;
using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Storage;

namespace MiniPaas.Registry.Blobs;

/// <summary><c>HEAD/GET/DELETE /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>.</summary>
internal sealed class BlobEndpoints(
    RepositoryBlobLinks links,
    ContentStore content,
    IOptions<RegistryOptions> options,
    ILogger<BlobEndpoints> logger)
{
    public async Task GetAsync(HttpContext context, string repository, string reference, bool headOnly)
    {
        var digest = Digest.Parse(reference, "blob digest");
        var size = links.TryGetSize(repository, digest) ?? throw RegistryErrors.BlobUnknown(repository, digest);

        var response = context.Response;
        response.Headers[RegistryHeaders.ContentDigest] = digest.ToString();
        var etag = new EntityTagHeaderValue($"\"{digest}\"");
        if (headOnly)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = RegistryHeaders.BlobContentType;
            response.ContentLength = size;
            response.Headers.ETag = etag.ToString();
            response.Headers.AcceptRanges = "bytes";
            return;
        }

        // The file result does Range/If-Range (resumable layer downloads) and sendfile for us.
        var result = TypedResults.PhysicalFile(
            content.PathOf(digest),
            RegistryHeaders.BlobContentType,
            lastModified: null,
            entityTag: etag,
            enableRangeProcessing: true);
        await result.ExecuteAsync(context);
    }

    public Task DeleteAsync(HttpContext context, string repository, string reference)
    {
        if (!options.Value.AllowDelete)
        {
            throw RegistryErrors.DeleteDisabled("blobs");
        }

        var digest = Digest.Parse(reference, "blob digest");
        if (!links.Unlink(repository, digest))
        {
            throw RegistryErrors.BlobUnknown(repository, digest);
        }

        RegistryLog.BlobDeleted(logger, repository, digest.ToString());
        RegistryResponses.WriteEmpty(context.Response, StatusCodes.Status202Accepted);
        return Task.CompletedTask;
    }
}
