namespace MiniPaas.Registry.Hosting;

/// <summary>A parsed request path: which endpoint, for which repository, with which reference/digest/upload id.</summary>
internal sealed record RegistryRoute(RegistryRouteKind Kind, string Repository = "", string Reference = "")
{
    public static readonly RegistryRoute Unknown = new(RegistryRouteKind.Unknown);
}
