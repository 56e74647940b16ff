using System.Text.RegularExpressions;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Api;

/// <summary>
/// NodeAdminService implements <c>minipaas.v1.NodeAdmin</c>, node maintenance for operators.
/// Draining only flips the node's state; the reconciler does the evacuation, replacing each
/// instance on the node the way a rolling deploy replaces an old release (new one first, old one
/// stopped once the new one runs), so this service just watches until the node is empty.
/// </summary>
internal sealed partial class NodeAdminService
{
    /// <summary>How long a drain may take when the caller names no timeout.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(120);

    // Progress is read from the store; instance reports change it, so a short poll is enough and
    // keeps this independent of which component made the change.
    private static readonly TimeSpan ProgressPollInterval = TimeSpan.FromMilliseconds(250);

    private readonly SchedulerStore _store;
    private readonly TimeProvider _time;
    private readonly ReconciliationService _reconciliation;

    public NodeAdminService(SchedulerStore store, TimeProvider time, ReconciliationService reconciliation)
    {
        _store = store;
        _time = time;
        _reconciliation = reconciliation;
    }

    public async Task DrainNode(DrainNodeRequest request, IServerStreamWriter<DrainProgress> responses, ServerCallContext context)
    {
        ValidateNodeId(request.NodeId);
        if (request.TimeoutSeconds < 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"timeout_seconds must not be negative (got {request.TimeoutSeconds})");
        }

        var timeout = request.TimeoutSeconds == 0 ? DefaultDrainTimeout : TimeSpan.FromSeconds(request.TimeoutSeconds);
        var started = _time.GetUtcNow();
        _store.Write(tx =>
        {
            var node = RequireNode(tx, request.NodeId);
            if (node.State == NodeState.Lost)
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"node '{request.NodeId}' is lost; its instances were already placed elsewhere");
            }

            if (node.State != NodeState.Draining)
            {
                tx.UpsertNode(node with { State = NodeState.Draining });
                tx.AppendEvent(new EventRecord
                {
                    Time = started,
                    Kind = EventKinds.NodeDraining,
                    Message = $"node {node.NodeId} draining: no new placements; its instances are replaced elsewhere before they stop",
                    NodeId = node.NodeId,
                });
            }
        });
        await _reconciliation.ReconcileNowAsync(context.CancellationToken);

        var lastRemaining = -1;
        while (true)
        {
            var (state, remaining) = _store.Read(tx =>
            {
                var node = tx.GetNode(request.NodeId);
                var left = tx.ListInstances().Where(i => i.NodeId == request.NodeId).ToList();
                return (node?.State, left);
            });
            if (state != NodeState.Draining)
            {
                throw new RpcException(StatusCode.Aborted,
                    $"node '{request.NodeId}' stopped draining (now {(state is { } s ? StoreTransaction.NodeStateText(s) : "unregistered")}) with {remaining.Count} instance(s) left");
            }

            if (remaining.Count == 0)
            {
                _store.Write(tx => tx.AppendEvent(new EventRecord
                {
                    Time = _time.GetUtcNow(),
                    Kind = EventKinds.NodeDrained,
                    Message = $"node {request.NodeId} drained: it runs no instances",
                    NodeId = request.NodeId,
                }));
                await responses.WriteAsync(new DrainProgress { NodeId = request.NodeId, Remaining = 0, Done = true, Message = $"node {request.NodeId} drained" }, context.CancellationToken);
                return;
            }

            if (remaining.Count != lastRemaining)
            {
                lastRemaining = remaining.Count;
                await responses.WriteAsync(new DrainProgress
                {
                    NodeId = request.NodeId,
                    Remaining = remaining.Count,
                    Message = $"{remaining.Count} instance(s) left on {request.NodeId}: {Describe(remaining)}",
                }, context.CancellationToken);
            }

            if (_time.GetUtcNow() - started >= timeout)
            {
                throw new RpcException(StatusCode.DeadlineExceeded,
                    $"node '{request.NodeId}' not drained after {timeout.TotalSeconds:0} s; still on it: {Describe(remaining)}");
            }

            await Task.Delay(ProgressPollInterval, _time, context.CancellationToken);
        }
    }

    public async Task<NodeSummary> UncordonNode(UncordonNodeRequest request, ServerCallContext context)
    {
        ValidateNodeId(request.NodeId);
        var node = _store.Write(tx =>
        {
            var node = RequireNode(tx, request.NodeId);
            if (node.State != NodeState.Draining)
            {
                return node;
            }

            var ready = node with { State = NodeState.Ready };
            tx.UpsertNode(ready);
            tx.AppendEvent(new EventRecord
            {
                Time = _time.GetUtcNow(),
                Kind = EventKinds.NodeUncordoned,
                Message = $"node {node.NodeId} ready for placements again",
                NodeId = node.NodeId,
            });
            return ready;
        });
        await _reconciliation.ReconcileNowAsync(context.CancellationToken);
        var summary = new NodeSummary
        {
            NodeId = node.NodeId,
            Address = node.Address,
            State = StoreTransaction.NodeStateText(node.State),
            Capacity = ProtoMapping.ToProto(node.Capacity),
            LastHeartbeat = ProtoMapping.ToProto(node.LastHeartbeat),
        };
        summary.Labels.Add(node.Labels.ToDictionary());
        return summary;
    }

    private static string Describe(IReadOnlyList<InstanceRecord> instances) =>
        string.Join(", ", instances.OrderBy(i => i.App, StringComparer.Ordinal).ThenBy(i => i.Index)
            .Select(i => $"{i.App}[{i.Index}] {i.Actual.ToString().ToLowerInvariant()}{(i.Desired == DesiredStatus.Stop ? " (stopping)" : "")}"));

    private static NodeRecord RequireNode(StoreTransaction tx, string nodeId) =>
        tx.GetNode(nodeId) ?? throw new RpcException(StatusCode.NotFound, $"node '{nodeId}' not found; `minipaas nodes` lists the registered nodes");

    private static void ValidateNodeId(string nodeId)
    {
        if (string.IsNullOrEmpty(nodeId) || !NodeIdPattern().IsMatch(nodeId))
        {
            throw new RpcException(StatusCode.InvalidArgument,
                $"invalid node id '{nodeId}': use 1-63 letters, digits, '.', '_' or '-'");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NodeIdPattern();
}
