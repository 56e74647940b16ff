using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Placement;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>
/// Reconciler compares desired state (apps, releases) with actual state (instances, nodes) and
/// decides what must change. Pure: it reads a snapshot and a time and returns a plan; the caller
/// applies the plan in one transaction. Running it twice on the same state changes nothing the
/// second time, which is what lets the periodic pass repair anything an event missed.
/// </summary>
internal sealed class Reconciler
{
    private readonly SchedulerOptions _options;
    private readonly Func<string, int, string> _newInstanceId;

    /// <param name="options">Timing and rollout settings.</param>
    /// <param name="newInstanceId">Makes a unique id for a new instance of (app, index).</param>
    public Reconciler(SchedulerOptions options, Func<string, int, string> newInstanceId)
    {
        _options = options;
        _newInstanceId = newInstanceId;
    }

    /// <param name="snapshot">The state to decide from.</param>
    /// <param name="now">The time of the pass.</param>
    /// <param name="heartbeatsHeardSince">
    /// Since when this scheduler could hear heartbeats (its endpoint has been listening): a node's
    /// TTL runs from its last heartbeat or from this moment, whichever is later. Heartbeats sent
    /// while the scheduler was down reached nobody, so after a restart every node gets a full
    /// <see cref="SchedulerOptions.NodeTtl"/> to register again before its instances are declared
    /// lost and placed a second time. Default: no such limit.
    /// </param>
    public ReconcilePlan Reconcile(ClusterSnapshot snapshot, DateTimeOffset now, DateTimeOffset heartbeatsHeardSince = default) =>
        new Pass(this, snapshot, now, heartbeatsHeardSince).Run();

    /// <summary>One reconciliation pass; holds the working copy of the state it is changing.</summary>
    private sealed class Pass
    {
        private readonly Reconciler _owner;
        private readonly ClusterSnapshot _snapshot;
        private readonly DateTimeOffset _now;
        private readonly DateTimeOffset _heartbeatsHeardSince;
        private readonly ReconcilePlan _plan = new();
        private readonly Dictionary<string, NodeRecord> _nodes;
        private readonly Dictionary<string, InstanceRecord> _instances;
        private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AppRecord> _appUpdates = new(StringComparer.Ordinal);
        private readonly List<(AppRecord App, PlacementRequest Request)> _toPlace = [];

        public Pass(Reconciler owner, ClusterSnapshot snapshot, DateTimeOffset now, DateTimeOffset heartbeatsHeardSince)
        {
            _owner = owner;
            _snapshot = snapshot;
            _now = now;
            _heartbeatsHeardSince = heartbeatsHeardSince;
            _nodes = new Dictionary<string, NodeRecord>(snapshot.Nodes, StringComparer.Ordinal);
            _instances = snapshot.Instances.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        }

        private SchedulerOptions Options => _owner._options;

        public ReconcilePlan Run()
        {
            DetectLostNodes();
            ReleaseInstancesOnLostNodes();

            var liveByApp = _instances.Values
                .Where(i => i.Desired == DesiredStatus.Run)
                .GroupBy(i => i.App, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

            foreach (var (appName, live) in liveByApp.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (RunnableRelease(appName) is null)
                {
                    // Deleted, stopped or never released: nothing of it may run.
                    foreach (var instance in live)
                    {
                        Stop(instance, "app is not started");
                    }
                }
            }

            foreach (var app in _snapshot.Apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                if (RunnableRelease(app.Name) is null)
                {
                    ClearRolloutState(app);
                    continue;
                }

                ReconcileApp(app, liveByApp.GetValueOrDefault(app.Name) ?? []);
            }

            PlaceNewInstances();
            CollectInstanceChanges();
            _plan.UpdatedApps.AddRange(_appUpdates.Values.OrderBy(a => a.Name, StringComparer.Ordinal));
            return _plan;
        }

        private void DetectLostNodes()
        {
            foreach (var node in _nodes.Values.OrderBy(n => n.NodeId, StringComparer.Ordinal).ToList())
            {
                // A draining node still heartbeats; should it die mid-drain, its instances are lost too.
                if (node.State == NodeState.Lost)
                {
                    continue;
                }

                var heardFrom = node.LastHeartbeat > _heartbeatsHeardSince ? node.LastHeartbeat : _heartbeatsHeardSince;
                var deadline = heardFrom + Options.NodeTtl;
                if (_now < deadline)
                {
                    Due(deadline);
                    continue;
                }

                var silentFor = _now - node.LastHeartbeat;
                var lost = node with { State = NodeState.Lost };
                _nodes[node.NodeId] = lost;
                _plan.UpdatedNodes.Add(lost);
                _plan.Events.Add(new EventRecord
                {
                    Time = _now,
                    Kind = EventKinds.NodeLost,
                    Message = $"node {node.NodeId} ({node.Address}) sent no heartbeat for {silentFor.TotalSeconds:0.#} s (NodeTtl {Options.NodeTtl.TotalSeconds:0.#} s); its instances are placed elsewhere",
                    NodeId = node.NodeId,
                });
            }
        }

        /// <summary>
        /// Instances on a lost node are forgotten at once: their replacements are placed in this
        /// same pass, and should the node come back, its stale containers are not in its
        /// assignment set, so its agent stops them.
        /// </summary>
        private void ReleaseInstancesOnLostNodes()
        {
            foreach (var instance in _instances.Values.OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToList())
            {
                if (_nodes.TryGetValue(instance.NodeId, out var node) && node.State != NodeState.Lost)
                {
                    continue;
                }

                if (instance.Desired == DesiredStatus.Run)
                {
                    _plan.Events.Add(new EventRecord
                    {
                        Time = _now,
                        App = instance.App,
                        Kind = EventKinds.InstanceLost,
                        Message = $"{instance.App}[{instance.Index}] lost with node {instance.NodeId}; placing a replacement",
                        InstanceIndex = instance.Index,
                        NodeId = instance.NodeId,
                    });
                }

                Set(instance with { Desired = DesiredStatus.Stop, Actual = InstanceState.Lost, Since = _now, Message = $"node {instance.NodeId} lost" });
            }
        }

        private ReleaseRecord? RunnableRelease(string appName)
        {
            if (!_snapshot.Apps.TryGetValue(appName, out var app) || !app.Started || app.CurrentReleaseVersion == 0)
            {
                return null;
            }

            return _snapshot.Releases.GetValueOrDefault(new ReleaseKey(app.Name, app.CurrentReleaseVersion));
        }

        private void ReconcileApp(AppRecord app, List<InstanceRecord> liveAtStart)
        {
            foreach (var instance in liveAtStart)
            {
                RestartIfCrashed(instance);
            }

            // Re-read: the restart step may have replaced records.
            var live = liveAtStart.Select(i => _instances[i.InstanceId]).Where(i => i.Desired == DesiredStatus.Run).ToList();
            foreach (var extra in live.Where(i => i.Index >= app.DesiredInstances))
            {
                Stop(extra, $"scaled down to {app.DesiredInstances}");
            }

            var current = new Dictionary<int, InstanceRecord>();
            var old = new Dictionary<int, List<InstanceRecord>>();
            foreach (var instance in live.Where(i => i.Index < app.DesiredInstances).OrderBy(i => i.CreatedAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal))
            {
                // An instance on a draining node is replaced like one of an older deployment: the
                // replacement starts elsewhere first, and this one stops once it runs.
                if (instance.Deployment != app.Deployment || OnDrainingNode(instance))
                {
                    (old.TryGetValue(instance.Index, out var list) ? list : old[instance.Index] = []).Add(instance);
                }
                else if (current.TryGetValue(instance.Index, out var kept))
                {
                    // Two current instances at one index (e.g. a node came back): keep the healthier.
                    if (Rank(instance) > Rank(kept))
                    {
                        current[instance.Index] = instance;
                        Stop(kept, "duplicate instance");
                    }
                    else
                    {
                        Stop(instance, "duplicate instance");
                    }
                }
                else
                {
                    current[instance.Index] = instance;
                }
            }

            var recreate = app.Strategy == RolloutStrategies.Recreate;
            if (recreate)
            {
                // Recreate applies to new deployments only; a drain still replaces before stopping.
                foreach (var index in old.Keys.ToList())
                {
                    foreach (var instance in old[index].Where(i => i.Deployment != app.Deployment))
                    {
                        Stop(instance, "replaced (recreate)");
                    }

                    old[index].RemoveAll(i => i.Deployment != app.Deployment);
                    if (old[index].Count == 0)
                    {
                        old.Remove(index);
                    }
                }
            }

            var halted = current.Any(p => old.ContainsKey(p.Key)
                && p.Value.Actual != InstanceState.Running
                && p.Value.CrashCount >= Options.RolloutHaltCrashes);
            var inFlight = current.Count(p => old.ContainsKey(p.Key) && p.Value.Actual != InstanceState.Running);
            var budget = Options.RolloutBatchSize - inFlight;
            var replacedOld = false;

            for (var index = 0; index < app.DesiredInstances; index++)
            {
                var olds = old.GetValueOrDefault(index) ?? [];
                if (current.TryGetValue(index, out var instance))
                {
                    if (instance.Actual == InstanceState.Running && olds.Count > 0)
                    {
                        foreach (var previous in olds)
                        {
                            var drained = previous.Deployment == app.Deployment;
                            Stop(previous, drained
                                ? $"node {previous.NodeId} draining; replaced by {instance.InstanceId} on {instance.NodeId}"
                                : $"replaced by deployment {app.Deployment}");
                            replacedOld |= !drained;
                        }

                        old.Remove(index);
                    }

                    continue;
                }

                if (olds.Count == 0)
                {
                    Request(app, index);
                }
                else if (!halted && budget > 0)
                {
                    // Old instances keep serving until the new one runs.
                    Request(app, index);
                    budget--;
                }
            }

            if (replacedOld && old.Count == 0)
            {
                _plan.Events.Add(new EventRecord
                {
                    Time = _now,
                    App = app.Name,
                    Kind = EventKinds.RolloutCompleted,
                    Message = $"{app.Name}: every instance runs release v{app.CurrentReleaseVersion} (deployment {app.Deployment})",
                });
            }

            if (halted != app.RolloutHalted)
            {
                UpdateApp(app, a => a with { RolloutHalted = halted });
                _plan.Events.Add(new EventRecord
                {
                    Time = _now,
                    App = app.Name,
                    Kind = halted ? EventKinds.RolloutHalted : EventKinds.RolloutResumed,
                    Message = halted
                        ? $"{app.Name}: rollout of v{app.CurrentReleaseVersion} halted: a new instance crashed {Options.RolloutHaltCrashes} times in a row; the old instances keep serving"
                        : $"{app.Name}: rollout of v{app.CurrentReleaseVersion} resumed",
                });
            }
        }

        private void RestartIfCrashed(InstanceRecord instance)
        {
            if (!instance.AwaitingRestart)
            {
                return;
            }

            var delay = RestartBackoff.Delay(instance.CrashCount, Options);
            var due = instance.Since + delay;
            if (_now < due)
            {
                Due(due);
                return;
            }

            Set(instance with
            {
                AwaitingRestart = false,
                RestartGeneration = instance.RestartGeneration + 1,
                Restarts = instance.Restarts + 1,
            });
            _plan.Events.Add(new EventRecord
            {
                Time = _now,
                App = instance.App,
                Kind = EventKinds.InstanceRestarted,
                Message = delay == TimeSpan.Zero
                    ? $"{instance.App}[{instance.Index}] restarting (crash {instance.CrashCount})"
                    : $"{instance.App}[{instance.Index}] restarting after {delay.TotalSeconds:0.#} s backoff (crash {instance.CrashCount})",
                InstanceIndex = instance.Index,
                NodeId = instance.NodeId,
            });
        }

        private bool OnDrainingNode(InstanceRecord instance) =>
            _nodes.TryGetValue(instance.NodeId, out var node) && node.State == NodeState.Draining;

        private void Request(AppRecord app, int index) =>
            _toPlace.Add((app, new PlacementRequest(app.Name, index, app.MemoryMb, app.DiskMb)));

        private void PlaceNewInstances()
        {
            var holding = _instances.Values.Where(i => i.HoldsResources).ToList();
            var used = holding
                .GroupBy(i => i.NodeId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => new ResourceAmounts(g.Sum(i => i.MemoryMb), g.Sum(i => i.DiskMb), g.Count()), StringComparer.Ordinal);
            var nodes = _nodes.Values
                .Select(n => new PlacementNode(n.NodeId, n.State, n.Capacity, used.GetValueOrDefault(n.NodeId)))
                .ToList();
            var existing = holding.Where(i => i.Desired == DesiredStatus.Run).Select(i => new PlacedInstance(i.NodeId, i.App)).ToList();
            var result = Placer.Place(new PlacementSnapshot(nodes, existing), _toPlace.Select(p => p.Request).ToList());

            var apps = _toPlace.Select(p => p.App).DistinctBy(a => a.Name).ToDictionary(a => a.Name, StringComparer.Ordinal);
            foreach (var decision in result.Placed)
            {
                var app = apps[decision.Request.App];
                var instance = new InstanceRecord
                {
                    InstanceId = _owner._newInstanceId(app.Name, decision.Request.Index),
                    App = app.Name,
                    Index = decision.Request.Index,
                    ReleaseVersion = app.CurrentReleaseVersion,
                    Deployment = app.Deployment,
                    NodeId = decision.NodeId,
                    MemoryMb = app.MemoryMb,
                    DiskMb = app.DiskMb,
                    Desired = DesiredStatus.Run,
                    Actual = InstanceState.Pending,
                    Since = _now,
                    CreatedAt = _now,
                };
                _plan.Created.Add(instance);
            }

            var failures = result.Unplaced.GroupBy(f => f.Request.App, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            foreach (var app in _snapshot.Apps.Values.OrderBy(a => a.Name, StringComparer.Ordinal))
            {
                if (RunnableRelease(app.Name) is null)
                {
                    continue;
                }

                // An app with nothing left to place has no placement problem any more.
                var error = failures.TryGetValue(app.Name, out var list)
                    ? list.Count == 1 ? list[0].Reason : $"{list.Count} instances unplaced; first: {list[0].Reason}"
                    : "";
                if (error == _appUpdates.GetValueOrDefault(app.Name, app).PlacementError)
                {
                    continue;
                }

                UpdateApp(app, a => a with { PlacementError = error });
                if (error.Length > 0)
                {
                    _plan.Events.Add(new EventRecord { Time = _now, App = app.Name, Kind = EventKinds.InstanceUnplaceable, Message = error });
                }
            }
        }

        private void ClearRolloutState(AppRecord app)
        {
            if (app.RolloutHalted || app.PlacementError.Length > 0)
            {
                UpdateApp(app, a => a with { RolloutHalted = false, PlacementError = "" });
            }
        }

        private void UpdateApp(AppRecord app, Func<AppRecord, AppRecord> change) =>
            _appUpdates[app.Name] = change(_appUpdates.GetValueOrDefault(app.Name, app)) with { UpdatedAt = _now };

        private void Stop(InstanceRecord instance, string reason)
        {
            if (instance.Desired == DesiredStatus.Stop)
            {
                return;
            }

            Set(instance with { Desired = DesiredStatus.Stop, Message = reason });
        }

        private void Set(InstanceRecord instance)
        {
            _instances[instance.InstanceId] = instance;
            _changed.Add(instance.InstanceId);
        }

        /// <summary>
        /// Turns the working copy into plan rows. A stopped instance whose container cannot be
        /// running any more is deleted; one that may still run stays until its agent reports it
        /// stopped, so its resources stay reserved meanwhile.
        /// </summary>
        private void CollectInstanceChanges()
        {
            foreach (var instance in _instances.Values.OrderBy(i => i.InstanceId, StringComparer.Ordinal))
            {
                var finished = instance.Desired == DesiredStatus.Stop
                    && instance.Actual is not (InstanceState.Starting or InstanceState.Running);
                if (finished)
                {
                    _plan.Deleted.Add(instance);
                }
                else if (_changed.Contains(instance.InstanceId))
                {
                    _plan.Updated.Add(instance);
                }
            }
        }

        private void Due(DateTimeOffset at)
        {
            if (_plan.NextDueAt is null || at < _plan.NextDueAt)
            {
                _plan.NextDueAt = at;
            }
        }

        private static int Rank(InstanceRecord instance) => instance.Actual switch
        {
            InstanceState.Running => 3,
            InstanceState.Starting => 2,
            InstanceState.Pending => 1,
            _ => 0,
        };
    }
}
