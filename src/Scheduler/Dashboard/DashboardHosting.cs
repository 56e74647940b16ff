using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Scheduler.Assignments;
using MiniPaas.Scheduler.Dashboard.Metrics;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardHosting adds the dashboard to the scheduler: its services, its own HTTP/1.1 Kestrel
/// endpoint (Kestrel cannot serve h2c gRPC and HTTP/1.1 on one cleartext port), and a branch of
/// the pipeline that takes exactly the requests arriving on that endpoint.
/// </summary>
internal static class DashboardHosting
{
    // Set on connections accepted by the dashboard endpoint, so only they reach the dashboard
    // (and the gRPC port never serves it, nor the dashboard port gRPC).
    private static readonly object ConnectionMarker = new();

    public static void AddDashboardServices(IServiceCollection services)
    {
        services.AddSingleton<InstanceKillRequests>();
        services.AddSingleton<DashboardChangeSignal>();
        services.AddSingleton<DashboardLoginTokens>();
        services.AddSingleton<DashboardSessions>();
        services.AddSingleton<DashboardAccess>();
        services.AddSingleton<DashboardActions>();
        services.AddSingleton<DashboardLogTail>();
        services.AddSingleton<DashboardSnapshotBuilder>();
        services.AddSingleton<DashboardRequestHandler>();
        services.AddSingleton<RouterMetricsPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<RouterMetricsPoller>());
    }

    /// <summary>Adds the dashboard's listener; nothing when <paramref name="endpoint"/> is empty (dashboard off).</summary>
    public static void Listen(KestrelServerOptions kestrel, string endpoint)
    {
        if (endpoint.Length == 0)
        {
            return;
        }

        if (!SchedulerOptionsValidator.TryParseEndpoint(endpoint, out var host, out var port))
        {
            throw new InvalidOperationException($"{SchedulerOptions.SectionName}:{nameof(SchedulerOptions.DashboardEndpoint)} '{endpoint}' must be host:port, e.g. 127.0.0.1:7071");
        }

        void Configure(ListenOptions listen)
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(next => connection =>
            {
                connection.Items[ConnectionMarker] = ConnectionMarker;
                return next(connection);
            });
        }

        if (host == "localhost")
        {
            kestrel.ListenLocalhost(port, Configure);
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(host), port, Configure);
        }
    }

    /// <summary>Routes requests from the dashboard endpoint to the dashboard and wakes its streams on store changes.</summary>
    public static void Map(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SchedulerOptions>>().Value;
        if (options.DashboardEndpoint.Length == 0)
        {
            return;
        }

        var changes = app.Services.GetRequiredService<DashboardChangeSignal>();
        app.Services.GetRequiredService<SchedulerStore>().Committed += changes.Pulse;
        var handler = app.Services.GetRequiredService<DashboardRequestHandler>();
        app.MapWhen(IsDashboardRequest, branch => branch.Run(handler.HandleAsync));

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MiniPaas.Scheduler.Dashboard");
        app.Lifetime.ApplicationStarted.Register(() => SchedulerLog.DashboardListening(logger, ListeningAddress(app.Services) ?? options.DashboardEndpoint));
    }

    private static bool IsDashboardRequest(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.ContainsKey(ConnectionMarker) == true;

    // Kestrel lists every bound address without saying which listener it belongs to; all are
    // logged so the actual port is findable when the endpoint asked for port 0.
    private static string? ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is null ? null : string.Join(", ", addresses);
    }
}
