using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MiniPaas.Registry.Auth;
using MiniPaas.Registry.Blobs;
using MiniPaas.Registry.Catalog;
using MiniPaas.Registry.Manifests;
using MiniPaas.Registry.Storage;
using MiniPaas.Registry.Tags;
using MiniPaas.Registry.Uploads;

namespace MiniPaas.Registry.Hosting;

/// <summary>Registers the image registry's services in any ASP.NET Core host.</summary>
public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Adds the registry with options bound from <paramref name="configuration"/>, which should be the
    /// <c>Registry</c> section itself (e.g. <c>builder.Configuration.GetSection(RegistryOptions.SectionName)</c>).
    /// Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<RegistryOptions>().Bind(configuration);
        return services.AddRegistryCore();
    }

    /// <summary>Adds the registry with options set in code. Options are validated when the host starts.</summary>
    public static IServiceCollection AddRegistry(this IServiceCollection services, Action<RegistryOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<RegistryOptions>().Configure(configure);
        return services.AddRegistryCore();
    }

    private static IServiceCollection AddRegistryCore(this IServiceCollection services)
    {
        services.AddOptions<RegistryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistryOptions>, RegistryOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, StorageInitializer>());
        services.AddRouting();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<RegistryPaths>();
        services.TryAddSingleton<ContentStore>();
        services.TryAddSingleton<TokenAuthenticator>();
        services.TryAddSingleton<RepositoryBlobLinks>();
        services.TryAddSingleton<BlobEndpoints>();
        services.TryAddSingleton<UploadStore>();
        services.TryAddSingleton<UploadSessions>();
        services.TryAddSingleton<UploadEndpoints>();
        services.TryAddSingleton<ManifestStore>();
        services.TryAddSingleton<ManifestEndpoints>();
        services.TryAddSingleton<TagStore>();
        services.TryAddSingleton<TagEndpoints>();
        services.TryAddSingleton<CatalogEndpoints>();
        services.TryAddSingleton<RegistryRequestDispatcher>();
        return services;
    }
}
