using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Api;
using MiniPaas.Scheduler.Assignments;
using MiniPaas.Scheduler.Dashboard;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.LogShipping;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Routes;
using MiniPaas.Scheduler.Services;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Hosting;

/// <summary>SchedulerHostingExtensions wires the control plane into an ASP.NET Core app.</summary>
public static class SchedulerHostingExtensions
{
    /// <summary>Largest gRPC message the scheduler accepts; upload chunks must stay below it.</summary>
    public const int MaxReceiveMessageBytes = 8 * 1024 * 1024;

    /// <summary>
    /// AddScheduler registers the store, reconciler, APIs and the gRPC (h2c) Kestrel endpoint from
    /// the "MiniPaas" configuration section (see <see cref="SchedulerOptions"/>).
    /// </summary>
    public static WebApplicationBuilder AddScheduler(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(SchedulerOptions.SectionName);
        var services = builder.Services;
        services.AddOptions<SchedulerOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(_ => PlatformLogShipping.FromConfiguration(builder.Configuration));
        services.AddSingleton(sp => SchedulerStore.Open(sp.GetRequiredService<IOptions<SchedulerOptions>>().Value.ResolvedDataDirectory())
            .ShippingEventsTo(sp.GetRequiredService<PlatformLogShipping>()));
        services.AddSingleton<AssignmentPublisher>();
        services.AddSingleton<AppChangeFeed>();
        services.AddSingleton<RouteAddresses>();
        services.AddSingleton<RouteTableRecorder>();
        services.AddSingleton<RouteTablePublisher>();
        services.AddSingleton<ReconciliationService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReconciliationService>());
        services.AddSingleton<SchedulerTokens>();
        services.AddSingleton<RequestAuthorizer>();
        services.AddSingleton<AppViews>();
        services.AddSingleton<RouteCatalog>();
        services.AddSingleton<PackageUploads>();
        services.AddSingleton<AppStaging>();
        services.AddSingleton<ControllerService>();
        services.AddSingleton<NodeControlService>();
        services.AddSingleton<NodeAdminService>();
        services.AddSingleton<RouteDiscoveryService>();
        services.AddSchedulerServices(builder.Configuration);
        DashboardHosting.AddDashboardServices(services);
        services.AddRpc(rpc =>
        {
            rpc.MaxReceiveMessageSize = MaxReceiveMessageBytes;
            rpc.Authorize = context => context.HttpContext.RequestServices.GetRequiredService<RequestAuthorizer>().AuthorizeAsync(context);
        });

        var endpoint = section[nameof(SchedulerOptions.GrpcEndpoint)] ?? new SchedulerOptions().GrpcEndpoint;
        var dashboardEndpoint = section[nameof(SchedulerOptions.DashboardEndpoint)] ?? new SchedulerOptions().DashboardEndpoint;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (!SchedulerOptionsValidator.TryParseEndpoint(endpoint, out var host, out var port))
            {
                throw new InvalidOperationException($"{SchedulerOptions.SectionName}:{nameof(SchedulerOptions.GrpcEndpoint)} '{endpoint}' must be host:port, e.g. 127.0.0.1:7070");
            }

            if (host == "localhost")
            {
                kestrel.ListenLocalhost(port, listen => listen.UseRpcHttp2());
            }
            else
            {
                kestrel.ListenRpc(IPAddress.Parse(host), port);
            }

            DashboardHosting.Listen(kestrel, dashboardEndpoint);
        });
        return builder;
    }

    /// <summary>
    /// MapScheduler maps the Controller, NodeControl, NodeAdmin and RouteDiscovery gRPC services, and the web
    /// dashboard on its own endpoint (see <see cref="SchedulerOptions.DashboardEndpoint"/>).
    /// </summary>
    public static WebApplication MapScheduler(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRpcService<ControllerService>(ControllerReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("Controller"));
        app.MapRpcService<NodeControlService>(AgentReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("NodeControl"));
        app.MapRpcService<NodeAdminService>(NodesReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("NodeAdmin"));
        app.MapRpcService<RouteDiscoveryService>(RoutesReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("RouteDiscovery"));
        app.MapSchedulerServices();
        DashboardHosting.Map(app);
        var options = app.Services.GetRequiredService<IOptions<SchedulerOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MiniPaas.Scheduler");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            SchedulerLog.Listening(logger, string.Join(", ", addresses), options.ResolvedDataDirectory());
        });
        return app;
    }
}
