using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MiniPaas.Contracts.V1;
using MiniPaas.LogAggregator.Diagnostics;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Query;
using MiniPaas.LogAggregator.Store;

namespace MiniPaas.LogAggregator.Drains;

/// <summary>
/// SyslogDrain forwards an app's new lines to one syslog receiver over TCP. Lines reach it through
/// a bounded subscription, so a slow or absent receiver only fills this drain's queue (then lines
/// are dropped and counted) and never slows ingestion. A failed connection is retried with
/// exponential backoff; lines taken from the queue but not yet written are sent after reconnecting.
/// </summary>
internal sealed class SyslogDrain : IAsyncDisposable
{
    private const int MaxLinesPerWrite = 512;
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly AppLog _log;
    private readonly DrainUrl _url;
    private readonly DrainTiming _timing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LineSubscription _subscription;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _sent;
    private long _reportedDropped;
    private int _connected;
    private string _lastError = "";

    public SyslogDrain(DrainDefinition definition, DrainUrl url, AppLog log, int queueLines, DrainTiming timing, TimeProvider time, ILogger logger)
    {
        Definition = definition;
        _url = url;
        _log = log;
        _timing = timing;
        _time = time;
        _logger = logger;
        _subscription = log.Subscribe(queueLines, LineFilter.All, out _);
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public DrainDefinition Definition { get; }

    public long Dropped => _subscription.TotalSkipped;

    public DrainInfo Describe() => new()
    {
        Id = Definition.Id,
        App = Definition.App,
        Url = Definition.Url,
        Connected = Volatile.Read(ref _connected) == 1,
        Sent = Interlocked.Read(ref _sent),
        Dropped = Dropped,
        Queued = _subscription.Queued,
        LastError = Volatile.Read(ref _lastError),
    };

    /// <summary>Drops counted since the last call (for the "dropped N lines" entry).</summary>
    public long TakeNewDrops()
    {
        var total = Dropped;
        return total - Interlocked.Exchange(ref _reportedDropped, total);
    }

    public async ValueTask DisposeAsync()
    {
        _log.Unsubscribe(_subscription);
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        var unsent = new List<LogLine>(MaxLinesPerWrite);
        var frames = new ArrayBufferWriter<byte>(64 * 1024);
        var backoff = _timing.ReconnectInitialDelay;
        TcpClient? client = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (unsent.Count == 0 && !await TakeLinesAsync(unsent, stop))
                {
                    return;
                }

                try
                {
                    client ??= await ConnectAsync(stop);
                    frames.ResetWrittenCount();
                    foreach (var line in unsent)
                    {
                        SyslogFormatter.WriteFrame(Definition.App, line, frames);
                    }

                    await client.GetStream().WriteAsync(frames.WrittenMemory, stop);
                    Interlocked.Add(ref _sent, unsent.Count);
                    unsent.Clear();
                    backoff = _timing.ReconnectInitialDelay;
                }
                catch (Exception error) when (!stop.IsCancellationRequested)
                {
                    // Whatever broke (refused, reset, timeout), the remedy is the same: reconnect later.
                    client?.Dispose();
                    client = null;
                    Volatile.Write(ref _connected, 0);
                    Volatile.Write(ref _lastError, error.Message);
                    AggregatorLog.DrainFailed(_logger, Definition.Id, Definition.Url, error.Message, backoff);
                    await Task.Delay(backoff, _time, stop);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _timing.ReconnectMaxDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        finally
        {
            client?.Dispose();
            Volatile.Write(ref _connected, 0);
        }
    }

    private async Task<bool> TakeLinesAsync(List<LogLine> into, CancellationToken stop)
    {
        try
        {
            var first = await _subscription.Reader.ReadAsync(stop);
            into.Add(first.Line);
        }
        catch (ChannelClosedException)
        {
            return false;
        }

        while (into.Count < MaxLinesPerWrite && _subscription.Reader.TryRead(out var next))
        {
            into.Add(next.Line);
        }

        return true;
    }

    private async Task<TcpClient> ConnectAsync(CancellationToken stop)
    {
        var client = new TcpClient { NoDelay = true };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await client.ConnectAsync(_url.Host, _url.Port, timeout.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            client.Dispose();
            throw new TimeoutException($"connecting to {_url} took longer than {ConnectTimeout.TotalSeconds:0} s");
        }
        catch
        {
            client.Dispose();
            throw;
        }

        Volatile.Write(ref _connected, 1);
        Volatile.Write(ref _lastError, "");
        AggregatorLog.DrainConnected(_logger, Definition.Id, Definition.Url);
        return client;
    }
}
