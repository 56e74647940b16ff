using System.Threading.Channels;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Model;
using Serilog.Core;
using Serilog.Events;

namespace MiniPaas.LogAggregator.SystemLogs;

/// <summary>
/// SystemLogSink is the Serilog sink that keeps the aggregator's own logs in the <c>system</c>
/// app (source LGR, instance "aggregator"). Emitting only queues the rendered event: the store may
/// itself be logging while holding an app's lock, so <see cref="SystemLogPump"/> writes later.
/// The queue is bounded; when it is full the oldest events are dropped (and counted).
/// </summary>
internal sealed class SystemLogSink : ILogEventSink
{
    public const string SourceInstance = "aggregator";
    private const int Capacity = 10_000;

    private readonly Channel<LogLine> _queue = Channel.CreateBounded<LogLine>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public ChannelReader<LogLine> Reader => _queue.Reader;

    public void Emit(LogEvent logEvent)
    {
        var message = SerilogRendering.Render(logEvent);
        var fields = SerilogRendering.Fields(logEvent);
        var stream = logEvent.Level >= LogEventLevel.Warning ? LineStream.Err : LineStream.Out;
        _queue.Writer.TryWrite(new LogLine(logEvent.Timestamp.ToUniversalTime(), LogSourceTypes.Aggregator, SourceInstance, stream, message, fields));
    }

    public void Complete() => _queue.Writer.TryComplete();
}
