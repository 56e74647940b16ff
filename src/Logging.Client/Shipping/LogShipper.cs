using System.Threading.Channels;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Logging.Client;

/// <summary>
/// LogShipper sends log lines to the aggregator in batches over the <c>LogService.Ship</c> client
/// stream. Callers never wait: <see cref="TryEnqueue(LogEntry)"/> puts a line in a bounded buffer
/// (or drops and counts it when full); one background loop batches what is buffered, streams it,
/// and forgets lines only once the aggregator acknowledged them. When a stream fails, the loop
/// reconnects with exponential backoff and resends unacknowledged batches with their original
/// (shipper id, batch sequence), so the aggregator stores each batch once.
/// </summary>
/// <remarks>
/// Thread-safe. Create one per process (or per destination) and dispose it at shutdown, which
/// tries for <see cref="LogShipperOptions.DisposeFlushTimeout"/> to deliver what is left.
/// </remarks>
public sealed class LogShipper : IAsyncDisposable
{
    private readonly LogShipperOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RpcChannel _channel;
    private readonly bool _ownsChannel;
    private readonly Channel<LogEntry> _queue = Channel.CreateUnbounded<LogEntry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<LogBatch> _unacknowledged = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _flushGate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushWaiters = new();
    private readonly Task _pump;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ulong _nextBatchSequence = 1;
    private long _buffered;
    private long _enqueued;
    private long _resolved;
    private long _acknowledged;
    private long _droppedBufferFull;
    private long _rateLimited;
    private long _rejected;
    private long _truncated;
    private long _failedStreams;
    private long _failuresInARow;
    private string? _lastError;
    private string? _lastRejection;
    private int _disposed;

    /// <summary>Creates a shipper and starts its background loop; it connects when the first line arrives.</summary>
    /// <param name="options">Address, token and buffering; copied, later changes have no effect.</param>
    /// <param name="logger">Where connection failures and refusals are reported (rate-limited to state changes). Default none.</param>
    /// <param name="channel">A channel to the aggregator to share; default one created from <paramref name="options"/> and disposed with the shipper.</param>
    public LogShipper(LogShipperOptions options, ILogger? logger = null, RpcChannel? channel = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = Validate(options);
        _time = _options.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
        _ownsChannel = channel is null;
        _channel = channel ?? new RpcChannel(_options.Address, new RpcChannelOptions { BearerToken = _options.Token });
        _pump = Task.Run(() => PumpAsync(_stop.Token));
    }

    /// <summary>The largest message (in characters) a shipper sends; longer ones are cut with a marker so one line can never exceed a batch.</summary>
    public int MaxMessageChars => _options.MaxBatchBytes / 4;

    /// <summary>
    /// Buffers one line to be shipped. Returns false (and counts the line as dropped) when the buffer
    /// is full or the shipper is disposed. A missing timestamp is set to now.
    /// </summary>
    public bool TryEnqueue(LogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Interlocked.Increment(ref _droppedBufferFull);
            return false;
        }

        if (Interlocked.Increment(ref _buffered) > _options.BufferCapacity)
        {
            Interlocked.Decrement(ref _buffered);
            Interlocked.Increment(ref _droppedBufferFull);
            return false;
        }

        entry.Timestamp ??= Timestamp.FromDateTimeOffset(_time.GetUtcNow());
        if (entry.Message.Length > MaxMessageChars)
        {
            var cut = entry.Message.Length - MaxMessageChars;
            entry.Message = entry.Message[..MaxMessageChars] + $" [truncated {cut} characters by the shipper]";
        }

        Interlocked.Increment(ref _enqueued);
        _queue.Writer.TryWrite(entry);
        return true;
    }

    /// <summary>Buffers one line built from its parts (see <see cref="TryEnqueue(LogEntry)"/>).</summary>
    public bool TryEnqueue(
        string app,
        string sourceType,
        string sourceInstance,
        string message,
        LogOutputStream stream = LogOutputStream.Out,
        DateTimeOffset? timestamp = null,
        IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var entry = new LogEntry
        {
            App = app ?? "",
            SourceType = sourceType ?? "",
            SourceInstance = sourceInstance ?? "",
            Message = message ?? "",
            Stream = stream,
            Timestamp = timestamp is { } time ? Timestamp.FromDateTimeOffset(time) : null,
        };
        if (fields is not null)
        {
            foreach (var (key, value) in fields)
            {
                entry.Fields[key] = value ?? "";
            }
        }

        return TryEnqueue(entry);
    }

    /// <summary>
    /// Completes once every line buffered before the call was acknowledged by the aggregator (or
    /// refused by it). Waits through reconnects; cancel to stop waiting.
    /// </summary>
    public Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var target = Interlocked.Read(ref _enqueued);
        TaskCompletionSource done;
        lock (_flushGate)
        {
            if (Interlocked.Read(ref _resolved) >= target)
            {
                return Task.CompletedTask;
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushWaiters.Add((target, done));
        }

        Wake();
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>A snapshot of the counters.</summary>
    public LogShipperStats GetStats() => new(
        Interlocked.Read(ref _enqueued),
        Interlocked.Read(ref _acknowledged),
        Interlocked.Read(ref _droppedBufferFull),
        Interlocked.Read(ref _rateLimited),
        Interlocked.Read(ref _rejected),
        Interlocked.Read(ref _truncated),
        Interlocked.Read(ref _buffered),
        Interlocked.Read(ref _failedStreams),
        Volatile.Read(ref _lastError),
        Volatile.Read(ref _lastRejection));

    /// <summary>Tries to deliver what is buffered (up to <see cref="LogShipperOptions.DisposeFlushTimeout"/>), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.DisposeFlushTimeout, _time);
            await FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // What is still buffered is lost; the counters say how much.
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _queue.Writer.TryComplete();
        try
        {
            await _pump.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        lock (_flushGate)
        {
            foreach (var (_, done) in _flushWaiters)
            {
                done.TrySetCanceled();
            }

            _flushWaiters.Clear();
        }

        _stop.Dispose();
        if (_ownsChannel)
        {
            _channel.Dispose();
        }
    }

    private static LogShipperOptions Validate(LogShipperOptions options)
    {
        ArgumentNullException.ThrowIfNull(options.Address);
        ArgumentNullException.ThrowIfNull(options.TimeProvider);
        ArgumentException.ThrowIfNullOrEmpty(options.ShipperId);
        Positive(options.BufferCapacity, nameof(options.BufferCapacity));
        Positive(options.MaxBatchLines, nameof(options.MaxBatchLines));
        if (options.MaxBatchBytes < 4096)
        {
            throw new ArgumentException($"{nameof(LogShipperOptions)}.{nameof(options.MaxBatchBytes)} must be at least 4096 (was {options.MaxBatchBytes}).", nameof(options));
        }

        foreach (var (name, value) in new[]
        {
            (nameof(options.StreamRotationInterval), options.StreamRotationInterval),
            (nameof(options.ReconnectInitialDelay), options.ReconnectInitialDelay),
            (nameof(options.ReconnectMaxDelay), options.ReconnectMaxDelay),
            (nameof(options.DisposeFlushTimeout), options.DisposeFlushTimeout),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"{nameof(LogShipperOptions)}.{name} must be positive (was {value}).", nameof(options));
            }
        }

        return new LogShipperOptions
        {
            Address = options.Address,
            Token = options.Token,
            BufferCapacity = options.BufferCapacity,
            MaxBatchLines = options.MaxBatchLines,
            MaxBatchBytes = options.MaxBatchBytes,
            StreamRotationInterval = options.StreamRotationInterval,
            ReconnectInitialDelay = options.ReconnectInitialDelay,
            ReconnectMaxDelay = options.ReconnectMaxDelay,
            DisposeFlushTimeout = options.DisposeFlushTimeout,
            ShipperId = options.ShipperId,
            TimeProvider = options.TimeProvider,
        };

        static void Positive(int value, string name)
        {
            if (value <= 0)
            {
                throw new ArgumentException($"{nameof(LogShipperOptions)}.{name} must be positive (was {value}).", nameof(options));
            }
        }
    }

    private void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private bool FlushRequested
    {
        get
        {
            lock (_flushGate)
            {
                return _flushWaiters.Count > 0;
            }
        }
    }

    private async Task PumpAsync(CancellationToken stop)
    {
        var backoff = _options.ReconnectInitialDelay;
        while (!stop.IsCancellationRequested)
        {
            if (_unacknowledged.Count == 0)
            {
                try
                {
                    if (!await _queue.Reader.WaitToReadAsync(stop).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            try
            {
                await RunStreamAsync(stop).ConfigureAwait(false);
                backoff = _options.ReconnectInitialDelay;
                var failures = Interlocked.Exchange(ref _failuresInARow, 0);
                if (failures > 0)
                {
                    ShipperLog.StreamRecovered(_logger, _options.Address, failures);
                }
            }
            catch (Exception error) when (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref _failedStreams);
                var reason = error is RpcException rpc ? $"{rpc.StatusCode}: {rpc.Detail}" : error.Message;
                Volatile.Write(ref _lastError, reason);
                if (Interlocked.Increment(ref _failuresInARow) == 1)
                {
                    ShipperLog.StreamFailed(_logger, _options.Address, reason, Interlocked.Read(ref _buffered), backoff);
                }

                try
                {
                    await Task.Delay(backoff, _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.ReconnectMaxDelay.Ticks));
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One Ship stream: resend what is unacknowledged, send new batches until rotation, collect the reply.</summary>
    private async Task RunStreamAsync(CancellationToken stop)
    {
        using var call = _channel.ClientStreaming(LogServiceMethods.Ship, new CallOptions { CancellationToken = stop });
        long linesInFlight = 0;
        foreach (var batch in _unacknowledged)
        {
            linesInFlight += batch.Entries.Count;
            await call.RequestStream.WriteAsync(batch, stop).ConfigureAwait(false);
        }

        var rotateAt = _time.GetUtcNow() + _options.StreamRotationInterval;

        // Acknowledgements come only when a stream completes, so cap what one stream leaves unconfirmed.
        var inFlightLimit = Math.Max(1, _options.BufferCapacity / 2);
        while (linesInFlight < inFlightLimit)
        {
            var batch = TakeBatch();
            if (batch is null)
            {
                var remaining = rotateAt - _time.GetUtcNow();
                if (remaining <= TimeSpan.Zero || FlushRequested || !await WaitForLinesAsync(remaining, stop).ConfigureAwait(false))
                {
                    break;
                }

                continue;
            }

            _unacknowledged.Add(batch);
            linesInFlight += batch.Entries.Count;
            await call.RequestStream.WriteAsync(batch, stop).ConfigureAwait(false);
            if (_time.GetUtcNow() >= rotateAt)
            {
                break;
            }
        }

        await call.RequestStream.CompleteAsync().ConfigureAwait(false);
        var reply = await call.ResponseAsync.ConfigureAwait(false);
        _unacknowledged.Clear();
        Acknowledge(reply, linesInFlight);
    }

    private LogBatch? TakeBatch()
    {
        LogBatch? batch = null;
        var bytes = 0;
        while (batch is null || batch.Entries.Count < _options.MaxBatchLines)
        {
            if (!_queue.Reader.TryPeek(out var next))
            {
                break;
            }

            var size = EstimateBytes(next);
            if (batch is not null && bytes + size > _options.MaxBatchBytes)
            {
                break;
            }

            _queue.Reader.TryRead(out _);
            batch ??= new LogBatch { ShipperId = _options.ShipperId, BatchSequence = _nextBatchSequence++ };
            batch.Entries.Add(next);
            bytes += size;
        }

        return batch;
    }

    private static int EstimateBytes(LogEntry entry)
    {
        // UTF-16 length × 3 bounds the UTF-8 size; the constant covers tags and framing.
        var size = 64 + (entry.App.Length + entry.SourceType.Length + entry.SourceInstance.Length + entry.Message.Length) * 3;
        foreach (var (key, value) in entry.Fields)
        {
            size += 8 + (key.Length + value.Length) * 3;
        }

        return size;
    }

    private async Task<bool> WaitForLinesAsync(TimeSpan timeout, CancellationToken stop)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeoutSource.Token);
        var wake = Volatile.Read(ref _wake).Task;
        var lines = _queue.Reader.WaitToReadAsync(linked.Token).AsTask();
        var first = await Task.WhenAny(lines, wake).ConfigureAwait(false);
        if (first != lines)
        {
            await linked.CancelAsync().ConfigureAwait(false);
            return false;
        }

        try
        {
            return await lines.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            return false;
        }
    }

    private void Acknowledge(ShipReply reply, long lines)
    {
        Interlocked.Add(ref _acknowledged, reply.Accepted);
        Interlocked.Add(ref _rateLimited, reply.RateLimited);
        Interlocked.Add(ref _truncated, reply.Truncated);
        if (reply.Rejected > 0)
        {
            Interlocked.Add(ref _rejected, reply.Rejected);
            Volatile.Write(ref _lastRejection, reply.FirstRejection);
            ShipperLog.LinesRejected(_logger, reply.Rejected, reply.FirstRejection);
        }

        Interlocked.Add(ref _buffered, -lines);
        var resolved = Interlocked.Add(ref _resolved, lines);
        lock (_flushGate)
        {
            for (var i = _flushWaiters.Count - 1; i >= 0; i--)
            {
                if (_flushWaiters[i].Target <= resolved)
                {
                    _flushWaiters[i].Done.TrySetResult();
                    _flushWaiters.RemoveAt(i);
                }
            }
        }
    }
}
