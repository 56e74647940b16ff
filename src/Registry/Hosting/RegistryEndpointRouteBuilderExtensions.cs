namespace MiniPaas.Registry.Hosting;

/// <summary>Maps the distribution API (<c>/v2/...</c>) onto a host's endpoints.</summary>
public static class RegistryEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every <c>/v2</c> route of the registry. Requires <c>AddRegistry</c> on the service collection.
    /// Returns the route group so a host can add conventions (host filtering, rate limits, metadata).
    /// Clients expect the API at the root, so map it on an application without a path base.
    /// </summary>
    public static RouteGroupBuilder MapRegistry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var dispatcher = endpoints.ServiceProvider.GetService<RegistryRequestDispatcher>()
            ?? throw new InvalidOperationException("MapRegistry needs the registry services: call services.AddRegistry(...) (or builder.AddRegistry()) first.");

        var group = endpoints.MapGroup("/v2");
        RequestDelegate handle = dispatcher.HandleAsync;
        group.Map("/", handle).WithDisplayName("Registry /v2/");
        group.Map("/{**path}", handle).WithDisplayName("Registry /v2/{path}");
        return group;
    }
}
