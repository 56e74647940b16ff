namespace MiniPaas.Logging.Client;

/// <summary>LogShipperOptions configures a <see cref="LogShipper"/>; every default is documented on its property.</summary>
public sealed class LogShipperOptions
{
    /// <summary>The aggregator's gRPC address. Default <c>http://127.0.0.1:7080</c>.</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:7080");

    /// <summary>Bearer token for the aggregator. Default null (no authorization header; the aggregator will refuse).</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Lines held in memory, queued or sent but not yet acknowledged. When full, new lines are
    /// dropped (counted in <see cref="LogShipperStats.DroppedBufferFull"/>) so a down aggregator
    /// never blocks or grows the caller. Default 20,000.
    /// </summary>
    public int BufferCapacity { get; set; } = 20_000;

    /// <summary>Most lines in one batch. Default 500.</summary>
    public int MaxBatchLines { get; set; } = 500;

    /// <summary>Most message bytes (UTF-16 length × 3, a safe UTF-8 bound) in one batch; keeps batches under the gRPC message limit. Default 1 MiB.</summary>
    public int MaxBatchBytes { get; set; } = 1 << 20;

    /// <summary>
    /// A stream is completed (and its acknowledgement collected) after this long, so lines sent
    /// are forgotten in steps of at most this much traffic. Default 1 s.
    /// </summary>
    public TimeSpan StreamRotationInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a failed stream; doubles per failure up to <see cref="ReconnectMaxDelay"/>. Default 100 ms.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest wait between reconnect attempts. Default 5 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <see cref="LogShipper.DisposeAsync"/> tries to deliver what is buffered. Default 5 s.</summary>
    public TimeSpan DisposeFlushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Identifies this shipper to the aggregator (used to skip resent batches). Default a random id.</summary>
    public string ShipperId { get; set; } = Guid.NewGuid().ToString("N");

    /// <summary>Clock for backoff and stream rotation. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
