using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Hosting;

namespace MiniPaas.Scheduler.Services;

/// <summary>ServicesHosting registers and maps the backing-services part of the scheduler.</summary>
internal static class ServicesHosting
{
    public static IServiceCollection AddSchedulerServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServicesOptions>().Bind(configuration.GetSection(ServicesOptions.SectionName)).Validate(
            o => o.BrokerRequestTimeout > TimeSpan.Zero && o.OperationTimeout > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero,
            $"{ServicesOptions.SectionName}: BrokerRequestTimeout, OperationTimeout and PollInterval must be positive").ValidateOnStart();
        services.AddSingleton(sp => ServiceSecrets.Open(sp.GetRequiredService<IOptions<SchedulerOptions>>().Value.ResolvedDataDirectory()));
        services.AddSingleton<ServiceEnvironmentReader>();
        services.AddSingleton<OsbClient>();
        services.AddSingleton<ServicesApi>();
        return services;
    }

    public static WebApplication MapSchedulerServices(this WebApplication app)
    {
        app.MapRpcService<ServicesApi>(ServicesReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Services"));
        return app;
    }
}
