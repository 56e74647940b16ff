using Google.Protobuf.WellKnownTypes;
using MiniPaas.Contracts.V1;
using Serilog.Core;
using Serilog.Events;

namespace MiniPaas.Logging.Client;

/// <summary>
/// LogShipperSink is a Serilog sink that ships a platform component's own log events to the
/// aggregator (by default into the <c>system</c> app), so an operator reads them with the same
/// command as app logs. Warnings and above go to ERR, the rest to OUT; properties become fields.
/// </summary>
/// <example>
/// <code>
/// var shipper = new LogShipper(new LogShipperOptions { Token = token });
/// Log.Logger = new LoggerConfiguration()
///     .WriteTo.Console()
///     .WriteTo.Sink(new LogShipperSink(shipper, LogSourceTypes.Api, "scheduler"))
///     .CreateLogger();
/// </code>
/// </example>
public sealed class LogShipperSink : ILogEventSink
{
    private readonly LogShipper _shipper;
    private readonly string _sourceType;
    private readonly string _sourceInstance;
    private readonly string _app;

    /// <summary>Creates a sink writing to <paramref name="app"/> with the given source tag.</summary>
    /// <param name="shipper">The shipper lines go through; not disposed by the sink.</param>
    /// <param name="sourceType">The component's tag, e.g. <see cref="LogSourceTypes.Api"/> for the scheduler, <see cref="LogSourceTypes.Cell"/> for an agent.</param>
    /// <param name="sourceInstance">Which one, e.g. <c>scheduler</c> or <c>node-1</c>.</param>
    /// <param name="app">The app the lines are stored under. Default <see cref="LogSourceTypes.SystemApp"/>.</param>
    public LogShipperSink(LogShipper shipper, string sourceType, string sourceInstance, string app = LogSourceTypes.SystemApp)
    {
        ArgumentNullException.ThrowIfNull(shipper);
        if (!LogSourceTypes.IsKnown(sourceType))
        {
            throw new ArgumentException($"source type '{sourceType}' is not one of {string.Join(", ", LogSourceTypes.All)}", nameof(sourceType));
        }

        ArgumentException.ThrowIfNullOrEmpty(app);
        _shipper = shipper;
        _sourceType = sourceType;
        _sourceInstance = sourceInstance ?? "";
        _app = app;
    }

    /// <inheritdoc />
    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var message = SerilogRendering.Render(logEvent);
        var entry = new LogEntry
        {
            App = _app,
            SourceType = _sourceType,
            SourceInstance = _sourceInstance,
            Stream = logEvent.Level >= LogEventLevel.Warning ? LogOutputStream.Err : LogOutputStream.Out,
            Timestamp = Timestamp.FromDateTimeOffset(logEvent.Timestamp),
            Message = message,
        };
        entry.Fields.Add(SerilogRendering.Fields(logEvent));

        _shipper.TryEnqueue(entry);
    }
}
