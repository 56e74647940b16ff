using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MiniPaas.Rpc;

/// <summary>RpcServiceCollectionExtensions registers the gRPC server layer.</summary>
public static class RpcServiceCollectionExtensions
{
    /// <summary>
    /// Registers what <c>MapRpcService</c> needs and applies <paramref name="configure"/> to
    /// <see cref="RpcServerOptions"/>. Service classes are registered separately (e.g.
    /// <c>services.AddScoped&lt;MyService&gt;()</c>); they are resolved per call.
    /// </summary>
    public static IServiceCollection AddRpc(this IServiceCollection services, Action<RpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<RpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RpcServerOptions>, RpcServerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RpcServiceRegistry>();
        return services;
    }
}
