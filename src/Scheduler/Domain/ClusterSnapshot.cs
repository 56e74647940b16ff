namespace MiniPaas.Scheduler.Domain;

/// <summary>
/// ClusterSnapshot is a read-only picture of desired state (apps, releases) and actual state
/// (instances, nodes) that the reconciler decides from. It holds only the releases that are
/// current or still referenced by an instance.
/// </summary>
internal sealed record ClusterSnapshot(
    IReadOnlyDictionary<string, AppRecord> Apps,
    IReadOnlyDictionary<ReleaseKey, ReleaseRecord> Releases,
    IReadOnlyList<InstanceRecord> Instances,
    IReadOnlyDictionary<string, NodeRecord> Nodes)
{
    public static readonly ClusterSnapshot Empty = new(
        new Dictionary<string, AppRecord>(),
        new Dictionary<ReleaseKey, ReleaseRecord>(),
        [],
        new Dictionary<string, NodeRecord>());
}
