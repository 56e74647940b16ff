using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Scheduler.Assignments;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>
/// ReconciliationService runs the reconciler: on every signal (report, push, scale, registration),
/// when something is due (a backoff restart, a node's TTL), and every
/// <see cref="SchedulerOptions.ConvergenceInterval"/> to repair anything missed. Passes never
/// overlap; each reads, decides and writes inside one store transaction, then publishes the
/// changed node assignment sets and wakes app watchers.
/// </summary>
internal sealed class ReconciliationService : BackgroundService
{
    private readonly SchedulerStore _store;
    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly AssignmentPublisher _publisher;
    private readonly AppChangeFeed _appChanges;
    private readonly ILogger<ReconciliationService> _logger;
    private readonly Reconciler _reconciler;
    private readonly SemaphoreSlim _passGate = new(1, 1);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private DateTimeOffset? _nextDueAt;

    public ReconciliationService(
        SchedulerStore store,
        IOptions<SchedulerOptions> options,
        TimeProvider time,
        AssignmentPublisher publisher,
        AppChangeFeed appChanges,
        ILogger<ReconciliationService> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _publisher = publisher;
        _appChanges = appChanges;
        _logger = logger;
        _reconciler = new Reconciler(_options, InstanceIds.New);
    }

    /// <summary>Asks for a pass soon without waiting for it.</summary>
    public void Trigger() => _signal.Writer.TryWrite(true);

    /// <summary>Runs a pass now (after any pass in progress) and returns its plan.</summary>
    public async Task<ReconcilePlan> ReconcileNowAsync(CancellationToken cancellationToken)
    {
        await _passGate.WaitAsync(cancellationToken);
        try
        {
            return RunPass();
        }
        finally
        {
            _passGate.Release();
        }
    }

    /// <summary>Folds agent reports into the store, wakes the app's watchers and asks for a pass.</summary>
    public int ApplyReports(string nodeId, IReadOnlyList<ObservedInstance> reports)
    {
        var now = _time.GetUtcNow();
        var events = new List<EventRecord>();
        var apps = new HashSet<string>(StringComparer.Ordinal);
        var applied = _store.Write(tx =>
        {
            var count = 0;
            foreach (var report in reports)
            {
                var current = tx.GetInstance(report.InstanceId);
                if (current is null || !string.Equals(current.NodeId, nodeId, StringComparison.Ordinal))
                {
                    SchedulerLog.ReportIgnored(_logger, nodeId, report.InstanceId);
                    continue;
                }

                var next = InstanceReportIngest.Apply(current, report, now, _options, events);
                if (next != current)
                {
                    tx.UpdateInstance(next);
                    apps.Add(next.App);
                    count++;
                }
            }

            foreach (var e in events)
            {
                tx.AppendEvent(e);
            }

            return count;
        });

        foreach (var e in events)
        {
            SchedulerLog.PlatformEvent(_logger, e.Kind, e.Message);
        }

        _appChanges.Notify(apps);
        if (applied > 0)
        {
            Trigger();
        }

        return applied;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReconcileNowAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                SchedulerLog.ReconcileFailed(_logger, exception);
            }

            var wait = _options.ConvergenceInterval;
            if (_nextDueAt is { } due)
            {
                var untilDue = due - _time.GetUtcNow();
                wait = untilDue < wait ? untilDue : wait;
            }

            if (wait > TimeSpan.Zero)
            {
                await WaitForSignalAsync(wait, stoppingToken);
            }
        }
    }

    private async Task WaitForSignalAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, _time, waitCancellation.Token);
        var signalled = _signal.Reader.WaitToReadAsync(waitCancellation.Token).AsTask();
        await Task.WhenAny(delay, signalled);
        _signal.Reader.TryRead(out _);
        waitCancellation.Cancel();
        try
        {
            await Task.WhenAll(delay, signalled);
        }
        catch (OperationCanceledException)
        {
            // One of the two was cancelled on purpose.
        }
    }

    private ReconcilePlan RunPass()
    {
        var now = _time.GetUtcNow();
        var (plan, sets) = _store.Write(tx =>
        {
            var before = tx.ReadSnapshot();
            var decided = _reconciler.Reconcile(before, now);
            tx.Apply(decided);
            var (nodeSets, changedNodes) = AssignmentBuilder.Build(decided.ApplyTo(before), _options.RegistryAddress);
            foreach (var node in changedNodes)
            {
                tx.UpsertNode(node);
            }

            // Ids are dense, so this is a cheap range delete; it keeps the events table bounded.
            if (decided.Events.Count > 0)
            {
                tx.PruneEvents(_options.EventRetention);
            }

            return (decided, nodeSets);
        });

        _nextDueAt = plan.NextDueAt;
        if (plan.HasChanges)
        {
            SchedulerLog.ReconcilePass(_logger, plan.Created.Count, plan.Updated.Count, plan.Deleted.Count, plan.Events.Count);
        }

        foreach (var e in plan.Events)
        {
            SchedulerLog.PlatformEvent(_logger, e.Kind, e.Message);
        }

        foreach (var set in sets)
        {
            if (_publisher.Latest(set.NodeId)?.Generation != set.Generation)
            {
                SchedulerLog.AssignmentsPublished(_logger, set.NodeId, set.Generation, set.Assignments.Count);
            }
        }

        _publisher.Publish(sets);
        _appChanges.Notify(plan.TouchedApps());
        return plan;
    }
}
