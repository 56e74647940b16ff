using MiniPaas.Registry.Manifests;
using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Tags;

/// <summary><c>GET /v2/&lt;name&gt;/tags/list</c> with <c>n</c>/<c>last</c> pagination.</summary>
internal sealed class TagEndpoints(TagStore tags, ManifestStore manifests)
{
    public Task ListAsync(HttpContext context, string repository)
    {
        if (!manifests.RepositoryExists(repository))
        {
            throw RegistryErrors.NameUnknown(repository);
        }

        var page = PageRequest.FromQuery(context.Request.Query)
            .Apply(tags.List(repository), context.Response, $"{context.Request.PathBase}/v2/{repository}/tags/list");
        return RegistryResponses.WriteJsonAsync(
            context.Response,
            StatusCodes.Status200OK,
            new TagListResponse(repository, page),
            RegistryJsonContext.Readable.TagListResponse,
            context.RequestAborted);
    }
}
