namespace MiniPaas.Logging.Client;

/// <summary>LogShipperStats is a snapshot of a shipper's counters since it was created.</summary>
/// <param name="Enqueued">Lines accepted into the buffer.</param>
/// <param name="Acknowledged">Lines the aggregator confirmed as stored.</param>
/// <param name="DroppedBufferFull">Lines dropped because the buffer was full.</param>
/// <param name="RateLimited">Lines the aggregator dropped by its per-instance rate limit.</param>
/// <param name="Rejected">Lines the aggregator refused as invalid.</param>
/// <param name="Truncated">Lines the aggregator stored cut to its maximum line size.</param>
/// <param name="Buffered">Lines queued or awaiting acknowledgement now.</param>
/// <param name="FailedStreams">Streams that ended in an error (each followed by a reconnect).</param>
/// <param name="LastError">The last stream error, or null.</param>
/// <param name="LastRejection">Why the aggregator last refused a line, or null.</param>
public sealed record LogShipperStats(
    long Enqueued,
    long Acknowledged,
    long DroppedBufferFull,
    long RateLimited,
    long Rejected,
    long Truncated,
    long Buffered,
    long FailedStreams,
    string? LastError,
    string? LastRejection);
