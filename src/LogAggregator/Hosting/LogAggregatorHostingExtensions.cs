using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Api;
using MiniPaas.LogAggregator.Clef;
using MiniPaas.LogAggregator.Diagnostics;
using MiniPaas.LogAggregator.Drains;
using MiniPaas.LogAggregator.Ingest;
using MiniPaas.LogAggregator.Store;
using MiniPaas.LogAggregator.SystemLogs;
using MiniPaas.Rpc;
using Serilog;
using Serilog.Events;

namespace MiniPaas.LogAggregator.Hosting;

/// <summary>LogAggregatorHostingExtensions wires the log aggregator into an ASP.NET Core app.</summary>
public static class LogAggregatorHostingExtensions
{
    /// <summary>Largest gRPC message accepted (a Ship batch); shippers keep batches well below it.</summary>
    public const int MaxReceiveMessageBytes = 8 * 1024 * 1024;

    /// <summary>
    /// AddLogAggregator registers the store, ingestion, queries, drains, CLEF ingestion and the two
    /// Kestrel endpoints (gRPC h2c and HTTP/1.1) from the "MiniPaas:LogAggregator" section (see
    /// <see cref="LogAggregatorOptions"/>), and replaces logging with Serilog: console output
    /// (unless <paramref name="writeToConsole"/> is false) plus the <c>system</c> app in the store.
    /// </summary>
    public static WebApplicationBuilder AddLogAggregator(this WebApplicationBuilder builder, bool writeToConsole = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var systemSink = new SystemLogSink();
        var serilog = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .WriteTo.Sink(systemSink);
        if (writeToConsole)
        {
            serilog = serilog.WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(serilog.CreateLogger(), dispose: true);

        var section = builder.Configuration.GetSection(LogAggregatorOptions.SectionName);
        var services = builder.Services;
        services.AddOptions<LogAggregatorOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LogAggregatorOptions>, LogAggregatorOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(systemSink);
        services.AddSingleton(sp => OpenStore(sp));
        services.AddSingleton(sp => new LineNormalizer(Options(sp).MaxLineBytes));
        services.AddSingleton(sp => new InstanceRateLimiter(Options(sp).RateLimitLinesPerSecond, Options(sp).ResolvedBurst(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<EntryConverter>();
        services.AddSingleton<ClefParser>();
        services.AddSingleton<IngestPipeline>();
        services.AddSingleton<ShipDeduplicator>();
        services.AddSingleton<DrainManager>();
        services.AddSingleton<DropReporter>();
        services.AddSingleton<RetentionService>();
        services.AddSingleton<AccessToken>();
        services.AddSingleton<RequestAuthorizer>();
        services.AddSingleton<LogServiceHandler>();
        var bound = new BoundEndpoints();
        services.AddSingleton(bound);
        services.AddHostedService<SystemLogPump>();
        services.AddHostedService(sp => sp.GetRequiredService<DrainManager>());
        services.AddHostedService(sp => sp.GetRequiredService<DropReporter>());
        services.AddHostedService(sp => sp.GetRequiredService<RetentionService>());
        services.AddRpc(rpc =>
        {
            rpc.MaxReceiveMessageSize = MaxReceiveMessageBytes;
            rpc.Authorize = context => context.HttpContext.RequestServices.GetRequiredService<RequestAuthorizer>().AuthorizeCallAsync(context);
        });

        var defaults = new LogAggregatorOptions();
        var grpcEndpoint = section[nameof(LogAggregatorOptions.GrpcEndpoint)] ?? defaults.GrpcEndpoint;
        var httpEndpoint = section[nameof(LogAggregatorOptions.HttpEndpoint)] ?? defaults.HttpEndpoint;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (!LogAggregatorOptionsValidator.TryParseEndpoint(grpcEndpoint, out var grpcAddress, out var grpcPort))
            {
                throw new InvalidOperationException($"{LogAggregatorOptions.SectionName}:GrpcEndpoint '{grpcEndpoint}' must be IP:port, e.g. 127.0.0.1:7080");
            }

            if (!LogAggregatorOptionsValidator.TryParseEndpoint(httpEndpoint, out var httpAddress, out var httpPort))
            {
                throw new InvalidOperationException($"{LogAggregatorOptions.SectionName}:HttpEndpoint '{httpEndpoint}' must be IP:port, e.g. 127.0.0.1:7081");
            }

            kestrel.Listen(grpcAddress, grpcPort, listen =>
            {
                listen.UseRpcHttp2();
                bound.GrpcListen = listen;
            });
            kestrel.Listen(httpAddress, httpPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                bound.HttpListen = listen;
            });
        });
        return builder;
    }

    /// <summary>MapLogAggregator maps the LogService gRPC service, the CLEF endpoints and <c>GET /healthz</c>.</summary>
    public static WebApplication MapLogAggregator(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapRpcService<LogServiceHandler>(LogServiceMethods.Service);
        ClefEndpoints.Map(app);
        app.MapGet("/healthz", () => "ok");
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MiniPaas.LogAggregator");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var bound = app.Services.GetRequiredService<BoundEndpoints>();
            AggregatorLog.Listening(
                logger,
                bound.GrpcUri.ToString(),
                bound.HttpUri.ToString(),
                app.Services.GetRequiredService<LogStore>().DataDirectory);
        });
        return app;
    }

    private static LogAggregatorOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<LogAggregatorOptions>>().Value;

    private static LogStore OpenStore(IServiceProvider services)
    {
        var options = Options(services);
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("MiniPaas.LogAggregator.Store");
        var settings = new StoreSettings(options.SegmentBytes, options.FsyncOnAppend, options.RetentionBytesPerApp, options.RetentionAge);
        var store = LogStore.Open(options.ResolvedDataDirectory(), settings, out var reports);
        foreach (var report in reports)
        {
            foreach (var problem in report.Problems)
            {
                AggregatorLog.StoreRepaired(logger, report.App, problem);
            }
        }

        AggregatorLog.StoreOpened(logger, store.DataDirectory, reports.Count);
        return store;
    }
}
