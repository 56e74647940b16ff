using Google.Protobuf.WellKnownTypes;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.Router.AccessLog;

namespace MiniPaas.Router.LogShipping;

/// <summary>
/// Ships one <c>RTR</c> line per answered request to the log aggregator, under the app that served
/// it, so <c>minipaas logs APP</c> shows the router's view next to the app's output. Requests no app
/// matched belong to no app and are not shipped. <see cref="Write"/> only enqueues (never blocks).
/// </summary>
internal sealed class AggregatorAccessLogSink : IAccessLogSink
{
    private readonly LogShipper _shipper;
    private readonly string _routerId;

    public AggregatorAccessLogSink(LogShipper shipper, string routerId)
    {
        _shipper = shipper;
        _routerId = routerId;
    }

    public void Write(AccessLogEntry entry)
    {
        if (string.IsNullOrEmpty(entry.App))
        {
            return;
        }

        _shipper.TryEnqueue(new LogEntry
        {
            App = entry.App,
            SourceType = LogSourceTypes.Router,
            SourceInstance = _routerId,
            Stream = LogOutputStream.Out,
            Timestamp = Timestamp.FromDateTimeOffset(entry.Timestamp),
            Message = AccessLineFormatter.Format(entry),
        });
    }
}
