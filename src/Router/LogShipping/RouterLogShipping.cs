using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MiniPaas.Logging.Client;
using MiniPaas.Router.AccessLog;
using MiniPaas.Router.Hosting;
using MiniPaas.Router.Logging;

namespace MiniPaas.Router.LogShipping;

/// <summary>
/// Registers the aggregator access-log sink when <c>MiniPaas:Router:LogAggregatorAddress</c> is set,
/// with a hosted service that delivers what is buffered when the router stops.
/// </summary>
internal static partial class RouterLogShipping
{
    /// <summary>Adds the sink; a malformed address throws <see cref="OptionsValidationException"/> naming the key.</summary>
    public static void Add(IServiceCollection services, IConfigurationSection section)
    {
        var options = new RouterLogShippingOptions();
        section.Bind(options);
        if (string.IsNullOrWhiteSpace(options.LogAggregatorAddress))
        {
            return;
        }

        if (!Uri.TryCreate(options.LogAggregatorAddress, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttp)
        {
            throw new OptionsValidationException(
                RouterOptions.SectionName,
                typeof(RouterLogShippingOptions),
                [$"{RouterOptions.SectionName}:LogAggregatorAddress '{options.LogAggregatorAddress}' must be an absolute http:// URL, e.g. http://127.0.0.1:7080 (or empty: no shipping)."]);
        }

        services.AddSingleton(provider => new LogShipper(
            new LogShipperOptions
            {
                Address = address,
                Token = string.IsNullOrEmpty(options.LogAggregatorToken) ? null : options.LogAggregatorToken,
                TimeProvider = provider.GetRequiredService<TimeProvider>(),
            },
            provider.GetRequiredService<ILoggerFactory>().CreateLogger<LogShipper>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAccessLogSink, AggregatorAccessLogSink>(provider => new AggregatorAccessLogSink(
            provider.GetRequiredService<LogShipper>(),
            provider.GetRequiredService<IOptions<RouterOptions>>().Value.EffectiveRouterId)));
        services.AddHostedService(provider => new ShipperLifetime(
            provider.GetRequiredService<LogShipper>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("MiniPaas.Router.LogShipping"),
            address));
    }

    [LoggerMessage(EventId = RouterLogEvents.AccessLogShippingEnabled, Level = LogLevel.Information,
        Message = "Shipping access lines to the log aggregator at {Address} as RTR lines")]
    private static partial void ShippingEnabled(ILogger logger, Uri address);

    /// <summary>Says shipping is on at start; at stop, delivers what is buffered (bounded by the shipper's DisposeFlushTimeout).</summary>
    private sealed class ShipperLifetime(LogShipper shipper, ILogger logger, Uri address) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            ShippingEnabled(logger, address);
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken) => await shipper.DisposeAsync();
    }
}
