using System.Security.Cryptography;
using Google.Protobuf;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Routes;

/// <summary>
/// RouteTableRecorder computes the route table inside the transaction that changed the state and
/// gives it a new version only when its content differs from the last one (by fingerprint). The
/// version lives in the store, in the same transaction, so it only grows — across restarts too —
/// and a change that rolls back never consumes or publishes a version.
/// </summary>
internal sealed class RouteTableRecorder
{
    private readonly RouteAddresses _addresses;

    public RouteTableRecorder(RouteAddresses addresses)
    {
        _addresses = addresses;
    }

    /// <summary>
    /// Builds the table from <paramref name="cluster"/> (the state the transaction is about to
    /// commit) or, when null, from what <paramref name="tx"/> reads. Returns the current snapshot,
    /// changed or not; publish it after the commit (the publisher ignores versions it has seen).
    /// </summary>
    public RouteTableSnapshot Record(StoreTransaction tx, ClusterSnapshot? cluster, string cause, long causedAt)
    {
        var table = cluster is null
            ? RouteTableBuilder.Build(tx.ListApps(), tx.ListRoutes(), tx.ListInstances(), tx.ListNodes().ToDictionary(n => n.NodeId, StringComparer.Ordinal), _addresses)
            : RouteTableBuilder.Build(cluster.Apps.Values, tx.ListRoutes(), cluster.Instances, cluster.Nodes, _addresses);

        // Fingerprint the content without the version: the version is what the comparison decides.
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(table.ToByteArray()));
        var (version, stored) = tx.GetRouteTableState();
        if (!string.Equals(fingerprint, stored, StringComparison.Ordinal))
        {
            version++;
            tx.SetRouteTableState(version, fingerprint);
        }

        table.Version = version;
        return new RouteTableSnapshot(version, table, cause, causedAt);
    }
}
