using System.Threading.Channels;
using MiniPaas.Agent.Diagnostics;
using MiniPaas.Agent.Hosting;
using MiniPaas.Agent.Registration;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniPaas.Agent.Reports;

/// <summary>
/// Delivers instance state changes to the scheduler in order, in batches, and keeps each report
/// until the scheduler acknowledged it: while the scheduler is down or restarting, reports wait
/// (and wait for the agent to be registered again) instead of being lost.
/// </summary>
internal sealed class InstanceReporter : BackgroundService
{
    /// <summary>Reports per ReportInstances call.</summary>
    public const int MaxBatchSize = 100;

    /// <summary>
    /// Reports kept while the scheduler is unreachable. Beyond it the oldest are dropped (with a
    /// warning): the registration after reconnecting tells the scheduler what runs anyway.
    /// </summary>
    public const int MaxPending = 10_000;

    private static readonly TimeSpan ShutdownFlushTimeout = TimeSpan.FromSeconds(2);

    private readonly NodeControlClient _client;
    private readonly SchedulerSession _session;
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InstanceReporter> _logger;
    private readonly Lock _gate = new();
    private readonly LinkedList<InstanceReport> _pending = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public InstanceReporter(NodeControlClient client, SchedulerSession session, IOptions<AgentOptions> options, TimeProvider time, ILogger<InstanceReporter> logger)
    {
        _client = client;
        _session = session;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public int PendingCount
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Queues a report; never blocks, so it may be called under the supervisor's lock.</summary>
    public void Report(InstanceReport report)
    {
        lock (_gate)
        {
            _pending.AddLast(report);
            if (_pending.Count > MaxPending)
            {
                var dropped = _pending.First!.Value;
                _pending.RemoveFirst();
                AgentLog.ReportDropped(_logger, dropped.InstanceId, dropped.State, MaxPending);
            }
        }

        _wake.Writer.TryWrite(true);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // A last attempt, so a state change seen just before SIGTERM is not left for the
        // scheduler to rediscover at the next registration.
        if (PendingCount > 0 && _session.IsRegistered)
        {
            using var flush = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            flush.CancelAfter(ShutdownFlushTimeout);
            try
            {
                while (PendingCount > 0 && await TrySendBatchAsync(flush.Token))
                {
                }
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(_options.ReconnectMaxDelay);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (PendingCount == 0)
                {
                    await _wake.Reader.ReadAsync(stoppingToken);
                    continue;
                }

                await _session.WaitUntilRegisteredAsync(stoppingToken);
                if (await TrySendBatchAsync(stoppingToken))
                {
                    backoff.Reset();
                }
                else
                {
                    await Task.Delay(backoff.Next(), _time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<bool> TrySendBatchAsync(CancellationToken cancellationToken)
    {
        var batch = new InstanceReportBatch { NodeId = _options.NodeId };
        lock (_gate)
        {
            batch.Reports.AddRange(_pending.Take(MaxBatchSize));
        }

        if (batch.Reports.Count == 0)
        {
            return true;
        }

        try
        {
            await _client.ReportInstancesAsync(batch, cancellationToken);
        }
        catch (RpcException ex)
        {
            AgentLog.ReportFailed(_logger, batch.Reports.Count, ex.StatusCode, ex.Detail);
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            AgentLog.ReportFailed(_logger, batch.Reports.Count, StatusCode.Unavailable, ex.Message);
            return false;
        }

        lock (_gate)
        {
            // Only the sent reports leave the queue; the ones at its front are exactly those, because
            // the queue is only ever trimmed here and by overflow (which drops from the front too).
            foreach (var sent in batch.Reports)
            {
                if (_pending.First is { } first && ReferenceEquals(first.Value, sent))
                {
                    _pending.RemoveFirst();
                }
            }
        }

        AgentLog.ReportsDelivered(_logger, batch.Reports.Count);
        return true;
    }
}
