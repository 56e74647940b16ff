using System.Globalization;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace MiniPaas.Logging.Client;

/// <summary>
/// PlatformLogging gives a platform component structured Serilog logging on the console and, when
/// a log aggregator is configured, ships the component's own events to the aggregator's
/// <c>system</c> app too, so an operator reads every component with <c>minipaas logs system</c>.
/// </summary>
public static class PlatformLogging
{
    /// <summary>
    /// Replaces <paramref name="logging"/>'s providers with Serilog. Returns the shipper feeding the
    /// system app (dispose it after the host stops, to deliver what is buffered), or null when
    /// <paramref name="aggregatorAddress"/> is empty.
    /// </summary>
    /// <exception cref="ArgumentException">The address is not an absolute http:// URL; names <paramref name="addressSetting"/>.</exception>
    public static LogShipper? UseSerilog(
        ILoggingBuilder logging, string? aggregatorAddress, string? token, string sourceType, string sourceInstance, string addressSetting)
    {
        ArgumentNullException.ThrowIfNull(logging);
        LogShipper? shipper = null;
        if (!string.IsNullOrWhiteSpace(aggregatorAddress))
        {
            if (!Uri.TryCreate(aggregatorAddress, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttp)
            {
                throw new ArgumentException(
                    $"{addressSetting} '{aggregatorAddress}' must be an absolute http:// URL, e.g. http://127.0.0.1:7080 (or empty: no shipping)",
                    nameof(aggregatorAddress));
            }

            // No ILogger for this shipper: its own failures would loop back into it through the sink.
            shipper = new LogShipper(new LogShipperOptions
            {
                Address = address,
                Token = string.IsNullOrEmpty(token) ? null : token,
            });
        }

        UseSerilog(logging, shipper, sourceType, sourceInstance);
        return shipper;
    }

    /// <summary>
    /// Replaces <paramref name="logging"/>'s providers with Serilog on the console and, when
    /// <paramref name="shipper"/> is not null, the <c>system</c> app through it (for a component that
    /// already has a shipper for other lines, like the scheduler).
    /// </summary>
    public static void UseSerilog(ILoggingBuilder logging, LogShipper? shipper, string sourceType, string sourceInstance)
    {
        ArgumentNullException.ThrowIfNull(logging);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
        if (shipper is not null)
        {
            configuration = configuration.WriteTo.Sink(new LogShipperSink(shipper, sourceType, sourceInstance));
        }

        logging.ClearProviders();
        logging.AddSerilog(configuration.CreateLogger(), dispose: true);
    }
}
