using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Scheduler.Assignments;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Routes;
using MiniPaas.Scheduler.Services;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>
/// ReconciliationService runs the reconciler: on every signal (report, push, scale, registration),
/// when something is due (a backoff restart, a node's TTL), and every
/// <see cref="SchedulerOptions.ConvergenceInterval"/> to repair anything missed. After a restart,
/// nodes get a full <see cref="SchedulerOptions.NodeTtl"/> from the moment the endpoint listens to
/// register again, so instances that kept running are adopted, not replaced. Passes never
/// overlap; each reads, decides and writes inside one store transaction, then publishes the
/// changed node assignment sets and route table and wakes app watchers. Reports that make an
/// instance start or stop serving update the route table in their own transaction, without
/// waiting for a pass, so routers learn about them at once.
/// </summary>
internal sealed class ReconciliationService : BackgroundService
{
    private readonly SchedulerStore _store;
    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly AssignmentPublisher _publisher;
    private readonly AppChangeFeed _appChanges;
    private readonly RouteTableRecorder _routeRecorder;
    private readonly RouteTablePublisher _routePublisher;
    private readonly ServiceEnvironmentReader _serviceEnvironments;
    private readonly InstanceKillRequests _kills;
    private readonly ILogger<ReconciliationService> _logger;
    private readonly Reconciler _reconciler;
    private readonly SemaphoreSlim _passGate = new(1, 1);
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private DateTimeOffset? _nextDueAt;

    // UTC ticks of when the gRPC endpoint started listening; 0 until then, when no agent can reach
    // us, so no node may be declared lost. A long, so the lifetime callback's write is atomic.
    private long _listeningSinceTicks;

    public ReconciliationService(
        SchedulerStore store,
        IOptions<SchedulerOptions> options,
        TimeProvider time,
        AssignmentPublisher publisher,
        AppChangeFeed appChanges,
        RouteTableRecorder routeRecorder,
        RouteTablePublisher routePublisher,
        InstanceKillRequests kills,
        IHostApplicationLifetime lifetime,
        ServiceEnvironmentReader serviceEnvironments,
        ILogger<ReconciliationService> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _publisher = publisher;
        _appChanges = appChanges;
        _routeRecorder = routeRecorder;
        _routePublisher = routePublisher;
        _serviceEnvironments = serviceEnvironments;
        _kills = kills;
        _logger = logger;
        _reconciler = new Reconciler(_options, InstanceIds.New);
        lifetime.ApplicationStarted.Register(() => Interlocked.Exchange(ref _listeningSinceTicks, _time.GetUtcNow().UtcTicks));
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

    /// <summary>
    /// Folds agent reports into the store, updates the route table when an instance started or
    /// stopped serving, wakes the app's watchers and asks for a pass. <paramref name="receivedAt"/>
    /// (a <see cref="Stopwatch"/> timestamp) is when the reports arrived, for the latency log.
    /// </summary>
    public int ApplyReports(string nodeId, IReadOnlyList<ObservedInstance> reports, long receivedAt)
    {
        var now = _time.GetUtcNow();
        var events = new List<EventRecord>();
        var apps = new HashSet<string>(StringComparer.Ordinal);
        RouteTableSnapshot? routes = null;
        var applied = _store.Write(tx =>
        {
            var count = 0;
            var routingChanged = false;
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
                    routingChanged |= (current.Actual == InstanceState.Running) != (next.Actual == InstanceState.Running)
                        || current.Port != next.Port;
                }
            }

            foreach (var e in events)
            {
                tx.AppendEvent(e);
            }

            // Only reports that change who serves pay for a table build; the rest wait for the pass.
            if (routingChanged)
            {
                routes = _routeRecorder.Record(tx, null, $"report from {nodeId}", receivedAt);
            }

            return count;
        });

        if (routes is not null)
        {
            PublishRoutes(routes);
        }

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
        var startedAt = Stopwatch.GetTimestamp();
        var (plan, sets, routes) = _store.Write(tx =>
        {
            var before = tx.ReadSnapshot();
            var listeningSince = Interlocked.Read(ref _listeningSinceTicks);
            var heardSince = listeningSince == 0 ? now : new DateTimeOffset(listeningSince, TimeSpan.Zero);
            var decided = _reconciler.Reconcile(before, now, heardSince);
            tx.Apply(decided);
            var after = decided.ApplyTo(before);
            var (nodeSets, changedNodes) = AssignmentBuilder.Build(after, _options.RegistryAddress, _serviceEnvironments.Read(tx), _kills.GenerationOf);
            foreach (var node in changedNodes)
            {
                tx.UpsertNode(node);
            }

            var routeTable = _routeRecorder.Record(tx, after, "reconciliation pass", startedAt);

            // Ids are dense, so this is a cheap range delete; it keeps the events table bounded.
            if (decided.Events.Count > 0)
            {
                tx.PruneEvents(_options.EventRetention);
            }

            return (decided, nodeSets, routeTable);
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
        PublishRoutes(routes);
        _appChanges.Notify(plan.TouchedApps());
        return plan;
    }

    private void PublishRoutes(RouteTableSnapshot routes)
    {
        if (_routePublisher.Publish(routes))
        {
            SchedulerLog.RouteTablePublished(_logger, routes.Version, routes.Table.Apps.Count, routes.DestinationCount, routes.Cause);
        }
    }
}
