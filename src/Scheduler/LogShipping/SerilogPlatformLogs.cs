using MiniPaas.Logging.Client;
using Serilog;

namespace MiniPaas.Scheduler.LogShipping;

/// <summary>Adds the aggregator sink to the scheduler's Serilog configuration when shipping is on.</summary>
internal static class SerilogPlatformLogs
{
    /// <summary>The scheduler's own log events go to the <c>system</c> app as <c>API/scheduler</c> lines.</summary>
    public static LoggerConfiguration ShipToSystemApp(this LoggerConfiguration configuration, PlatformLogShipping shipping) =>
        shipping.Shipper is null
            ? configuration
            : configuration.WriteTo.Sink(new LogShipperSink(shipping.Shipper, LogSourceTypes.Api, ApiEventLines.SourceInstance));
}
