using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;

namespace MiniPaas.Scheduler.LogShipping;

/// <summary>
/// The scheduler's one connection to the log aggregator: committed platform events become
/// <c>API</c> lines, staging output <c>STG</c> lines, and (through <see cref="LogShipperSink"/>) the
/// scheduler's own Serilog events go to the <c>system</c> app. Everything only enqueues, so a slow
/// or absent aggregator never holds up a store write or a push. Without
/// <c>MiniPaas:LogAggregatorAddress</c> nothing is shipped.
/// </summary>
internal sealed class PlatformLogShipping : IAsyncDisposable
{
    private readonly TimeProvider _time;

    private PlatformLogShipping(LogShipper? shipper, string address, TimeProvider time)
    {
        Shipper = shipper;
        Address = address;
        _time = time;
    }

    /// <summary>The shipper, or null when shipping is off.</summary>
    public LogShipper? Shipper { get; }

    /// <summary>The aggregator address (empty when off).</summary>
    public string Address { get; }

    /// <summary>
    /// Reads <see cref="SchedulerLogShippingOptions"/> from the <c>MiniPaas</c> section. Created before
    /// the host (the Serilog logger needs it), so a bad address throws here, naming the key.
    /// </summary>
    public static PlatformLogShipping FromConfiguration(IConfiguration configuration, TimeProvider? time = null)
    {
        var options = new SchedulerLogShippingOptions();
        configuration.GetSection(SchedulerOptions.SectionName).Bind(options);
        time ??= TimeProvider.System;
        if (string.IsNullOrWhiteSpace(options.LogAggregatorAddress))
        {
            return new PlatformLogShipping(null, string.Empty, time);
        }

        if (!Uri.TryCreate(options.LogAggregatorAddress, UriKind.Absolute, out var address) || address.Scheme != Uri.UriSchemeHttp)
        {
            throw new InvalidOperationException(
                $"{SchedulerOptions.SectionName}:LogAggregatorAddress '{options.LogAggregatorAddress}' must be an absolute http:// URL, e.g. http://127.0.0.1:7080 (or empty: no shipping)");
        }

        // No ILogger here: the shipper's own failures would otherwise loop back into it through the Serilog sink.
        var shipper = new LogShipper(new LogShipperOptions
        {
            Address = address,
            Token = string.IsNullOrEmpty(options.LogAggregatorToken) ? null : options.LogAggregatorToken,
            TimeProvider = time,
        });
        return new PlatformLogShipping(shipper, address.ToString(), time);
    }

    /// <summary>Ships the events a store transaction just committed, in the order they were recorded.</summary>
    public void OnEventsCommitted(IReadOnlyList<EventRecord> events)
    {
        if (Shipper is null)
        {
            return;
        }

        foreach (var platformEvent in events)
        {
            Shipper.TryEnqueue(ApiEventLines.ToEntry(platformEvent));
        }
    }

    /// <summary>
    /// Wraps a push's staging output so each line also becomes an <c>STG/0</c> line of <paramref name="app"/>.
    /// </summary>
    public IProgress<string> TeeStagingOutput(string app, IProgress<string> output) =>
        Shipper is null ? output : new StagingOutputTee(output, line => Shipper.TryEnqueue(new LogEntry
        {
            App = app,
            SourceType = LogSourceTypes.Staging,
            SourceInstance = "0",
            Stream = LogOutputStream.Out,
            Timestamp = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
            Message = line,
        }));

    /// <summary>Logs where lines go (once the host's logging works).</summary>
    public void LogState(ILogger logger)
    {
        if (Shipper is not null)
        {
            Diagnostics.SchedulerLog.LogShippingEnabled(logger, Address);
        }
    }

    /// <summary>Delivers what is buffered, bounded by the shipper's DisposeFlushTimeout.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Shipper is not null)
        {
            await Shipper.DisposeAsync();
        }
    }
}
