using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MiniPaas.Staging;

/// <summary>Registers staging in a host: <c>builder.Services.AddStaging(...)</c>.</summary>
public static class StagingServiceCollectionExtensions
{
    private const string RegistryHttpClientName = "MiniPaas.Staging.Registry";

    /// <summary>
    /// Adds a singleton <see cref="Stager"/> (it caches stack layer plans, so one per process),
    /// its <see cref="RegistryClient"/>, and an <see cref="AppArchive"/> with the same limits.
    /// </summary>
    public static IServiceCollection AddStaging(
        this IServiceCollection services,
        Action<RegistryClientOptions> configureRegistry,
        Action<StagingOptions>? configureStaging = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureRegistry);

        var registryOptions = new RegistryClientOptions();
        configureRegistry(registryOptions);
        var stagingOptions = new StagingOptions();
        configureStaging?.Invoke(stagingOptions);
        StagingOptionsValidator.Validate(stagingOptions);

        services.AddSingleton(registryOptions);
        services.AddSingleton(stagingOptions);

        // Each registry call applies its own timeout from the options; the client-wide one would cut uploads short.
        services.AddHttpClient(RegistryHttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(provider => new RegistryClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(RegistryHttpClientName),
            registryOptions));
        services.AddSingleton(provider => new Stager(
            stagingOptions,
            provider.GetRequiredService<RegistryClient>(),
            provider.GetService<ILogger<Stager>>(),
            provider.GetService<TimeProvider>()));
        services.AddSingleton(_ => AppArchive.For(stagingOptions));
        return services;
    }
}
