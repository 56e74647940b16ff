using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>
/// ReconcilePlan is everything one reconciliation pass decided, applied atomically by the store
/// (or by the in-memory test harness).
/// </summary>
internal sealed class ReconcilePlan
{
    public List<InstanceRecord> Created { get; } = [];

    public List<InstanceRecord> Updated { get; } = [];

    public List<InstanceRecord> Deleted { get; } = [];

    public List<AppRecord> UpdatedApps { get; } = [];

    public List<NodeRecord> UpdatedNodes { get; } = [];

    public List<EventRecord> Events { get; } = [];

    /// <summary>The earliest time something is due (a backoff restart, a node TTL), if any.</summary>
    public DateTimeOffset? NextDueAt { get; set; }

    public bool HasChanges =>
        Created.Count + Updated.Count + Deleted.Count + UpdatedApps.Count + UpdatedNodes.Count + Events.Count > 0;

    /// <summary>The apps whose desired or actual state this plan touches.</summary>
    public IReadOnlySet<string> TouchedApps()
    {
        var apps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var i in Created) apps.Add(i.App);
        foreach (var i in Updated) apps.Add(i.App);
        foreach (var i in Deleted) apps.Add(i.App);
        foreach (var a in UpdatedApps) apps.Add(a.Name);
        foreach (var e in Events)
        {
            if (e.App.Length > 0) apps.Add(e.App);
        }

        return apps;
    }

    /// <summary>Applies this plan to a snapshot; the test harness and assignment builder use it.</summary>
    public ClusterSnapshot ApplyTo(ClusterSnapshot snapshot)
    {
        var apps = new Dictionary<string, AppRecord>(snapshot.Apps, StringComparer.Ordinal);
        foreach (var app in UpdatedApps)
        {
            apps[app.Name] = app;
        }

        var nodes = new Dictionary<string, NodeRecord>(snapshot.Nodes, StringComparer.Ordinal);
        foreach (var node in UpdatedNodes)
        {
            nodes[node.NodeId] = node;
        }

        var updated = Updated.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var deleted = Deleted.Select(i => i.InstanceId).ToHashSet(StringComparer.Ordinal);
        var instances = snapshot.Instances
            .Where(i => !deleted.Contains(i.InstanceId))
            .Select(i => updated.GetValueOrDefault(i.InstanceId, i))
            .Concat(Created)
            .ToList();
        return new ClusterSnapshot(apps, snapshot.Releases, instances, nodes);
    }
}
