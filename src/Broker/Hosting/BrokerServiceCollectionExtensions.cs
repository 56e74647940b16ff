using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MiniPaas.Broker.Api;
using MiniPaas.Broker.Backends;
using MiniPaas.Broker.Backends.Postgres;
using MiniPaas.Broker.Backends.Redis;
using MiniPaas.Broker.Bindings;
using MiniPaas.Broker.Catalog;
using MiniPaas.Broker.Instances;
using MiniPaas.Broker.Servers;
using MiniPaas.Broker.Store;

namespace MiniPaas.Broker.Hosting;

/// <summary>Registers the service broker in any ASP.NET Core host.</summary>
public static class BrokerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the broker with options bound from <paramref name="configuration"/>, which should be the
    /// <c>MiniPaas:Broker</c> section itself (<c>builder.Configuration.GetSection(BrokerOptions.SectionName)</c>).
    /// Options are validated when the host starts.
    /// </summary>
    public static IServiceCollection AddBroker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<BrokerOptions>().Bind(configuration);
        return services.AddBrokerCore();
    }

    /// <summary>Adds the broker with options set in code. Options are validated when the host starts.</summary>
    public static IServiceCollection AddBroker(this IServiceCollection services, Action<BrokerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BrokerOptions>().Configure(configure);
        return services.AddBrokerCore();
    }

    private static IServiceCollection AddBrokerCore(this IServiceCollection services)
    {
        services.AddOptions<BrokerOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>());
        services.AddRouting();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<BrokerPaths>();
        services.TryAddSingleton<BrokerCatalog>();
        services.TryAddSingleton<BrokerStore>();
        services.TryAddSingleton<CommandRunner>();
        services.TryAddSingleton<PostgresServer>();
        services.TryAddSingleton<RedisServer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceBackend, PostgresBackend>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceBackend, RedisBackend>());
        services.TryAddSingleton<InstanceLocks>();
        services.TryAddSingleton<OperationRunner>();
        services.TryAddSingleton<InstanceService>();
        services.TryAddSingleton<BindingService>();
        services.TryAddSingleton<BrokerApiFilter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BrokerStartup>());
        return services;
    }
}
