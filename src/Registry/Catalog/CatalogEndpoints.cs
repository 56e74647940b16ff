using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Storage;

namespace MiniPaas.Registry.Catalog;

/// <summary>
/// <c>GET /v2/_catalog</c>: repositories holding at least one manifest. Found by walking the repositories
/// directory; fine for the few hundred repositories a mini-PaaS has, and there is no index to keep consistent.
/// </summary>
internal sealed class CatalogEndpoints(RegistryPaths paths)
{
    public Task ListAsync(HttpContext context)
    {
        var page = PageRequest.FromQuery(context.Request.Query)
            .Apply(ListRepositories(), context.Response, $"{context.Request.PathBase}/v2/_catalog");
        return RegistryResponses.WriteJsonAsync(
            context.Response,
            StatusCodes.Status200OK,
            new CatalogResponse(page),
            RegistryJsonContext.Readable.CatalogResponse,
            context.RequestAborted);
    }

    public IReadOnlyList<string> ListRepositories()
    {
        var names = new List<string>();
        if (Directory.Exists(paths.RepositoriesRoot))
        {
            Collect(paths.RepositoriesRoot, prefix: "", names);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private static void Collect(string directory, string prefix, List<string> names)
    {
        foreach (var child in Directory.EnumerateDirectories(directory))
        {
            var component = Path.GetFileName(child);
            if (component.StartsWith('_'))
            {
                // Repository metadata (_layers, _manifests, _tags), never a name component.
                continue;
            }

            var name = prefix.Length == 0 ? component : $"{prefix}/{component}";
            if (Directory.Exists(Path.Combine(child, "_manifests")) && RepositoryName.IsValid(name))
            {
                names.Add(name);
            }

            Collect(child, name, names);
        }
    }
}
