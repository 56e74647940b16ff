using MiniPaas.Scheduler.Assignments;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Reconciliation;

/// <summary>
/// ReconcilerHarness holds cluster state in memory and a manual clock. It drives the real
/// <see cref="Reconciler"/> and <see cref="InstanceReportIngest"/>, and can play the agents
/// (start what is assigned, stop what is not) so multi-step scenarios read like a story.
/// </summary>
internal sealed class ReconcilerHarness
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<ReleaseKey, ReleaseRecord> _releases = [];
    private int _nextId;

    public ReconcilerHarness()
    {
        State = ClusterSnapshot.Empty;
    }

    public ManualTimeProvider Time { get; } = new(Start);

    public SchedulerOptions Options { get; } = new() { AdminToken = "t" };

    public ClusterSnapshot State { get; private set; }

    public List<EventRecord> Events { get; } = [];

    public Dictionary<string, NodeAssignmentSet> Assignments { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>When the simulated scheduler process started (node TTLs run from no earlier than this).</summary>
    public DateTimeOffset SchedulerStartedAt { get; set; } = Start;

    public ReconcilerHarness AddNode(string id, long memoryMb = 4096, long diskMb = 20480, int slots = 0)
    {
        var node = new NodeRecord
        {
            NodeId = id, Address = "127.0.0." + (11 + State.Nodes.Count), Capacity = new ResourceAmounts(memoryMb, diskMb, slots),
            LastHeartbeat = Now, RegisteredAt = Now,
        };
        var previous = State.Nodes.GetValueOrDefault(id);
        if (previous is not null)
        {
            // Re-registration keeps the assignment generation so it only ever grows.
            node = node with { AssignmentGeneration = previous.AssignmentGeneration, AssignmentFingerprint = previous.AssignmentFingerprint };
        }

        SetNode(node);
        return this;
    }

    public void Heartbeat(params string[] nodeIds)
    {
        foreach (var id in nodeIds)
        {
            SetNode(State.Nodes[id] with { LastHeartbeat = Now });
        }
    }

    /// <summary>Sets a node's state the way NodeAdmin does (draining, or ready again).</summary>
    public void SetNodeState(string nodeId, NodeState state) => SetNode(State.Nodes[nodeId] with { State = state });

    /// <summary>Creates the app if needed and makes a new release current (a push).</summary>
    public AppRecord Push(string app, int instances = 1, long memoryMb = 256, string strategy = RolloutStrategies.Rolling)
    {
        var existing = State.Apps.GetValueOrDefault(app);
        var version = _releases.Keys.Where(k => k.App == app).Select(k => k.Version).DefaultIfEmpty(0).Max() + 1;
        _releases[new ReleaseKey(app, version)] = new ReleaseRecord
        {
            App = app, Version = version, ImageRepository = $"apps/{app}", ImageDigest = $"sha256:{app}{version}", CreatedAt = Now, Description = "push",
        };
        return SetApp((existing ?? new AppRecord { Name = app, CreatedAt = Now }) with
        {
            DesiredInstances = instances, MemoryMb = memoryMb, CurrentReleaseVersion = version,
            Deployment = (existing?.Deployment ?? 0) + 1, Strategy = strategy, RolloutHalted = false,
        });
    }

    /// <summary>Heroku-style rollback: a new release copying an earlier one's image.</summary>
    public AppRecord Rollback(string app, int toVersion)
    {
        var target = _releases[new ReleaseKey(app, toVersion)];
        var version = _releases.Keys.Where(k => k.App == app).Max(k => k.Version) + 1;
        _releases[new ReleaseKey(app, version)] = target with { Version = version, Description = $"rollback to v{toVersion}" };
        var current = State.Apps[app];
        return SetApp(current with { CurrentReleaseVersion = version, Deployment = current.Deployment + 1, RolloutHalted = false });
    }

    public AppRecord Scale(string app, int instances) => SetApp(State.Apps[app] with { DesiredInstances = instances });

    public AppRecord SetStarted(string app, bool started) => SetApp(State.Apps[app] with { Started = started });

    public AppRecord RollingRestart(string app) => SetApp(State.Apps[app] with { Deployment = State.Apps[app].Deployment + 1 });

    public void Delete(string app)
    {
        var apps = State.Apps.Where(p => p.Key != app).ToDictionary(p => p.Key, p => p.Value);
        foreach (var key in _releases.Keys.Where(k => k.App == app).ToList())
        {
            _releases.Remove(key);
        }

        State = State with { Apps = apps, Releases = new Dictionary<ReleaseKey, ReleaseRecord>(_releases) };
    }

    /// <summary>Plays an agent report through the real ingest.</summary>
    public InstanceRecord Report(string instanceId, InstanceState state, int exitCode = 0, DateTimeOffset? since = null)
    {
        var current = State.Instances.Single(i => i.InstanceId == instanceId);
        var next = InstanceReportIngest.Apply(
            current,
            new ObservedInstance { InstanceId = instanceId, State = state, ExitCode = exitCode, Port = 61000 + current.Index, Since = since ?? Now },
            Now,
            Options,
            Events);
        State = State with { Instances = State.Instances.Select(i => i.InstanceId == instanceId ? next : i).ToList() };
        return next;
    }

    public ReconcilePlan Reconcile()
    {
        var reconciler = new Reconciler(Options, (app, index) => $"{app}-{index}-{++_nextId}");
        var plan = reconciler.Reconcile(State, Now, SchedulerStartedAt);
        State = plan.ApplyTo(State);
        Events.AddRange(plan.Events);
        var (sets, changedNodes) = AssignmentBuilder.Build(State, "127.0.0.1:5000");
        foreach (var node in changedNodes)
        {
            SetNode(node);
        }

        foreach (var set in sets)
        {
            Assignments[set.NodeId] = set;
        }

        return plan;
    }

    /// <summary>
    /// Plays every agent once: assigned instances that are not running start (RUNNING), ones
    /// restarted after a crash run again, and instances no longer wanted report STOPPED.
    /// </summary>
    public void AgentsObey(Func<InstanceRecord, bool>? crashes = null)
    {
        foreach (var instance in State.Instances.ToList())
        {
            if (State.Nodes.TryGetValue(instance.NodeId, out var node) && node.State == NodeState.Lost)
            {
                continue;
            }

            if (instance.Desired == DesiredStatus.Stop && instance.Actual is InstanceState.Running or InstanceState.Starting)
            {
                Report(instance.InstanceId, InstanceState.Stopped);
            }
            else if (instance.Desired == DesiredStatus.Run
                && (instance.Actual is InstanceState.Pending or InstanceState.Starting
                    || (instance.Actual == InstanceState.Crashed && !instance.AwaitingRestart)))
            {
                var crash = crashes?.Invoke(instance) == true;
                Report(instance.InstanceId, crash ? InstanceState.Crashed : InstanceState.Running, exitCode: crash ? 1 : 0);
            }
        }
    }

    /// <summary>Reconciles and lets agents obey until nothing changes (or 50 rounds).</summary>
    public void Converge()
    {
        for (var round = 0; round < 50; round++)
        {
            var before = State.Instances.Select(i => i.ToString()).ToList();
            Reconcile();
            AgentsObey();
            if (before.SequenceEqual(State.Instances.Select(i => i.ToString())))
            {
                return;
            }
        }

        throw new InvalidOperationException("cluster did not converge in 50 rounds");
    }

    public IReadOnlyList<InstanceRecord> Live(string app) =>
        State.Instances.Where(i => i.App == app && i.Desired == DesiredStatus.Run).OrderBy(i => i.Index).ToList();

    public IReadOnlyList<InstanceRecord> All(string app) =>
        State.Instances.Where(i => i.App == app).OrderBy(i => i.Index).ThenBy(i => i.CreatedAt).ToList();

    private AppRecord SetApp(AppRecord app)
    {
        var apps = new Dictionary<string, AppRecord>(State.Apps) { [app.Name] = app };
        State = State with { Apps = apps, Releases = new Dictionary<ReleaseKey, ReleaseRecord>(_releases) };
        return app;
    }

    private void SetNode(NodeRecord node)
    {
        var nodes = new Dictionary<string, NodeRecord>(State.Nodes) { [node.NodeId] = node };
        State = State with { Nodes = nodes };
    }
}
