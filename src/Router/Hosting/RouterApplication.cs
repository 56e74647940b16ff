using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MiniPaas.Router.AccessLog;
using MiniPaas.Router.Admin;
using MiniPaas.Router.Discovery;
using MiniPaas.Router.LogShipping;
using MiniPaas.Router.Logging;
using MiniPaas.Router.Metrics;
using MiniPaas.Router.Proxy;
using MiniPaas.Router.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;

namespace MiniPaas.Router.Hosting;

/// <summary>Builds the router process: the app port (YARP fed by the scheduler's route stream) and the admin port.</summary>
public static class RouterApplication
{
    /// <summary>
    /// Creates the router from command-line <paramref name="args"/> and the usual configuration sources, with
    /// options from the <c>MiniPaas:Router</c> section (see <see cref="RouterOptions"/>). Invalid options throw
    /// <see cref="OptionsValidationException"/> naming each bad setting. <paramref name="configure"/> may add
    /// services (e.g. an <see cref="IAccessLogSink"/>) before the application is built.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var section = builder.Configuration.GetSection(RouterOptions.SectionName);
        var options = new RouterOptions();
        section.Bind(options);

        // Kestrel's listeners come from these options, so they are checked now rather than at host start.
        var validation = new RouterOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(RouterOptions.SectionName, typeof(RouterOptions), validation.Failures);
        }

        AddServices(builder, section);
        ConfigureListeners(builder, options);
        QuietFrameworkLogs(builder);
        configure?.Invoke(builder);

        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder, IConfigurationSection section)
    {
        var services = builder.Services;
        services.AddOptions<RouterOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RouterOptions>, RouterOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<RouterMetrics>();
        services.AddSingleton<RouteTableProxyConfigProvider>();
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<RouteTableProxyConfigProvider>());
        services.AddSingleton<RouteTableStore>();
        services.AddSingleton<ProxyEndpointDirectory>();
        services.AddSingleton<ForwardingRetryMiddleware>();
        services.AddSingleton<AdminRequestHandler>();
        services.AddSingleton<RouterEndpoints>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAccessLogSink, LoggerAccessLogSink>());
        RouterLogShipping.Add(services, section);
        services.AddHostedService<RouteSubscription>();

        services.AddReverseProxy();
        services.Replace(ServiceDescriptor.Singleton<IForwarderHttpClientFactory, RouterForwarderHttpClientFactory>());
        services.AddSingleton<IPassiveHealthCheckPolicy, ConnectFailureHealthPolicy>();
        services.AddSingleton<IConfigChangeListener, ProxyConfigChangeListener>();

        // The Cookie affinity policy protects its cookie with data protection. Ephemeral keys: after a router
        // restart old cookies no longer decode and those clients are redistributed, which sticky sessions tolerate.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
    }

    private static void ConfigureListeners(WebApplicationBuilder builder, RouterOptions options)
    {
        ListenAddress.TryParse(options.ListenUrl, out var proxy, out _);
        ListenAddress.TryParse(options.AdminUrl, out var admin, out _);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var endpoints = kestrel.ApplicationServices.GetRequiredService<RouterEndpoints>();
            // Kestrel's own "Server" header would sit next to the instance's.
            kestrel.AddServerHeader = false;
            kestrel.Listen(proxy!.Address, proxy.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                endpoints.Proxy = listen;
            });
            kestrel.Listen(admin!.Address, admin.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => connection =>
                {
                    connection.Features.Set(AdminConnectionFeature.Instance);
                    return next(connection);
                });
                endpoints.Admin = listen;
            });
        });
    }

    private static void QuietFrameworkLogs(WebApplicationBuilder builder)
    {
        // ASP.NET and YARP log several lines per proxied request at Information; the access log says it once.
        foreach (var category in new[] { "Microsoft.AspNetCore", "Yarp" })
        {
            if (string.IsNullOrEmpty(builder.Configuration[$"Logging:LogLevel:{category}"]))
            {
                builder.Logging.AddFilter(category, LogLevel.Warning);
            }
        }
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        var admin = app.Services.GetRequiredService<AdminRequestHandler>();
        var retry = app.Services.GetRequiredService<ForwardingRetryMiddleware>();

        app.Use((context, next) => context.Features.Get<AdminConnectionFeature>() is null ? next(context) : admin.HandleAsync(context));
        app.UseMiddleware<AccessLogMiddleware>();
        app.UseMiddleware<RouteLookupMiddleware>();
        app.UseRouting();
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseSessionAffinity();
            pipeline.Use((context, next) => retry.InvokeAsync(context, next));
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        });

        var directory = app.Services.GetRequiredService<ProxyEndpointDirectory>();
        directory.Attach(((IEndpointRouteBuilder)app).DataSources);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var endpoints = app.Services.GetRequiredService<RouterEndpoints>();
            var options = app.Services.GetRequiredService<IOptions<RouterOptions>>().Value;
            RouterLog.Listening(
                app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MiniPaas.Router"),
                $"http://{endpoints.ProxyEndPoint}",
                $"http://{endpoints.AdminEndPoint}",
                options.SchedulerAddress);
        });
    }
}
