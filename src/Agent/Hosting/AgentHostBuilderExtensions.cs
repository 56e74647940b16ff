using System.Net;
using MiniPaas.Agent.Assignments;
using MiniPaas.Agent.DockerEvents;
using MiniPaas.Agent.HealthChecks;
using MiniPaas.Agent.LogShipping;
using MiniPaas.Agent.Instances;
using MiniPaas.Agent.Ports;
using MiniPaas.Agent.Registration;
using MiniPaas.Agent.Reports;
using MiniPaas.Docker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniPaas.Agent.Hosting;

/// <summary>Wires the node agent into a host.</summary>
public static class AgentHostBuilderExtensions
{
    /// <summary>
    /// Adds the node agent: <see cref="AgentOptions"/> bound from <c>MiniPaas:Agent</c> and validated
    /// at start, the Docker client, the scheduler connection, the instance supervisor and the
    /// background services (Docker events, instance reports, registration). The agent listens on no
    /// port; use it with a generic host (<c>Host.CreateApplicationBuilder</c>).
    /// </summary>
    public static IHostApplicationBuilder AddAgent(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<AgentOptions>()
            .Bind(builder.Configuration.GetSection(AgentOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<AgentOptions>, AgentOptionsDefaults>();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new DockerClient(
            new DockerClientOptions { SocketPath = Options(provider).DockerSocket },
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<DockerClient>()));
        services.AddSingleton(provider =>
        {
            var options = Options(provider);
            return new PortAllocator(IPAddress.Parse(options.AdvertiseAddress), options.PortRangeStart, options.PortRangeEnd);
        });

        services.AddSingleton<SchedulerSession>();
        services.AddSingleton<NodeControlClient>();
        services.AddSingleton<ImagePuller>();
        services.AddSingleton<HealthProbeFactory>();
        services.AddSingleton<InstanceReporter>();
        services.AddSingleton<InstanceLogShipping>();
        services.AddSingleton<InstanceSupervisor>();
        services.AddSingleton<AssignmentStreamConsumer>();

        // Hosted services stop in reverse order: registration first (no more heartbeats, no more
        // assignments), then the event watcher, then the reporter, which flushes what it holds.
        services.AddHostedService(provider => provider.GetRequiredService<InstanceReporter>());
        services.AddHostedService<ContainerEventWatcher>();
        services.AddHostedService<RegistrationService>();
        return builder;
    }

    private static AgentOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<AgentOptions>>().Value;
}
