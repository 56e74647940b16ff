using MiniPaas.Registry.Protocol;

namespace MiniPaas.Registry.Hosting;

/// <summary>
/// Splits <c>/v2/&lt;name&gt;/...</c> paths. Repository names contain slashes, which ASP.NET route templates
/// cannot express before a fixed suffix, so the suffix is matched from the end of the path instead.
/// </summary>
internal static class RegistryRouteParser
{
    private const string Prefix = "/v2";

    /// <summary>Parses a request path; throws NAME_INVALID when the endpoint is clear but the repository name is not valid.</summary>
    public static RegistryRoute Parse(string path)
    {
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return RegistryRoute.Unknown;
        }

        var rest = path[Prefix.Length..];
        if (rest is "" or "/")
        {
            return new RegistryRoute(RegistryRouteKind.Base);
        }

        if (rest[0] != '/')
        {
            return RegistryRoute.Unknown;
        }

        rest = rest[1..];
        if (rest is "_catalog")
        {
            return new RegistryRoute(RegistryRouteKind.Catalog);
        }

        var segments = rest.Split('/');
        var count = segments.Length;

        // Most specific first: ".../blobs/uploads/" must not be read as a blob whose digest is "uploads".
        if (count >= 4 && segments[^3] == "blobs" && segments[^2] == "uploads")
        {
            var uploadId = segments[^1];
            var name = Join(segments, count - 3);
            return uploadId.Length == 0
                ? new RegistryRoute(RegistryRouteKind.UploadStart, RepositoryName.EnsureValid(name))
                : new RegistryRoute(RegistryRouteKind.Upload, RepositoryName.EnsureValid(name), uploadId);
        }

        if (count >= 3 && segments[^2] == "blobs" && segments[^1] == "uploads")
        {
            return new RegistryRoute(RegistryRouteKind.UploadStart, RepositoryName.EnsureValid(Join(segments, count - 2)));
        }

        if (count >= 3 && segments[^2] == "blobs" && segments[^1].Length > 0)
        {
            return new RegistryRoute(RegistryRouteKind.Blob, RepositoryName.EnsureValid(Join(segments, count - 2)), segments[^1]);
        }

        if (count >= 3 && segments[^2] == "manifests" && segments[^1].Length > 0)
        {
            return new RegistryRoute(RegistryRouteKind.Manifest, RepositoryName.EnsureValid(Join(segments, count - 2)), segments[^1]);
        }

        if (count >= 3 && segments[^2] == "tags" && segments[^1] == "list")
        {
            return new RegistryRoute(RegistryRouteKind.TagList, RepositoryName.EnsureValid(Join(segments, count - 2)));
        }

        return RegistryRoute.Unknown;
    }

    private static string Join(string[] segments, int take) => string.Join('/', segments, 0, take);
}
