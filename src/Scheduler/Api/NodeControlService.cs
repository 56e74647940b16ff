using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Assignments;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Api;

/// <summary>
/// NodeControlService implements <c>minipaas.v1.NodeControl</c>, the agents' API: agents register,
/// heartbeat, watch their assignment set and report what actually happens.
/// </summary>
internal sealed partial class NodeControlService
{
    private readonly SchedulerStore _store;
    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ReconciliationService _reconciliation;
    private readonly AssignmentPublisher _publisher;
    private readonly ILogger<NodeControlService> _logger;

    public NodeControlService(
        SchedulerStore store,
        IOptions<SchedulerOptions> options,
        TimeProvider time,
        ReconciliationService reconciliation,
        AssignmentPublisher publisher,
        ILogger<NodeControlService> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _reconciliation = reconciliation;
        _publisher = publisher;
        _logger = logger;
    }

    public async Task<RegisterReply> Register(RegisterRequest request, ServerCallContext context)
    {
        ValidateNodeId(request.NodeId);
        if (string.IsNullOrWhiteSpace(request.Address))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"node '{request.NodeId}' must advertise the address its instances listen on");
        }

        if (request.Capacity is null || request.Capacity.MemoryMb <= 0 || request.Capacity.DiskMb <= 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"node '{request.NodeId}' must report a capacity with positive memory_mb and disk_mb");
        }

        if (request.PortRangeStart > request.PortRangeEnd || request.PortRangeStart < 0 || request.PortRangeEnd > 65535)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"node '{request.NodeId}' port range {request.PortRangeStart}-{request.PortRangeEnd} is not a valid range");
        }

        var now = _time.GetUtcNow();
        var events = new List<EventRecord>();
        var (adopted, unknown) = _store.Write(tx =>
        {
            var previous = tx.GetNode(request.NodeId);
            tx.UpsertNode(new NodeRecord
            {
                NodeId = request.NodeId,
                Address = request.Address,
                Capacity = ProtoMapping.FromProto(request.Capacity),
                ReportedUsed = previous?.ReportedUsed ?? default,
                Labels = new Dictionary<string, string>(request.Labels, StringComparer.Ordinal),
                PortRangeStart = request.PortRangeStart,
                PortRangeEnd = request.PortRangeEnd,
                // An agent restarting mid-drain must not make its node a placement target again.
                State = previous?.State == NodeState.Draining ? NodeState.Draining : NodeState.Ready,
                LastHeartbeat = now,
                RegisteredAt = now,

                // Generations continue where they were, so the agent never sees one go backwards;
                // the cleared fingerprint makes the next pass publish a newer set even if its content
                // is unchanged, so an agent on an old watch stream still re-checks what it runs.
                AssignmentGeneration = previous?.AssignmentGeneration ?? 0,
                AssignmentFingerprint = "",
            });

            // Adopt what the agent already runs, so an agent restart restarts no container.
            // Anything not adopted is left out of the node's set, and the agent stops it.
            var adoptedCount = 0;
            var unknownCount = 0;
            foreach (var report in request.Running)
            {
                var instance = tx.GetInstance(report.InstanceId);
                if (instance is null || instance.NodeId != request.NodeId || instance.Desired != DesiredStatus.Run)
                {
                    unknownCount++;
                    continue;
                }

                tx.UpdateInstance(InstanceReportIngest.Apply(instance, ProtoMapping.FromProto(report), now, _options, events));
                adoptedCount++;
            }

            events.Add(new EventRecord
            {
                Time = now,
                Kind = EventKinds.NodeRegistered,
                Message = $"node {request.NodeId} registered at {request.Address} ({request.Capacity.MemoryMb} MB, {adoptedCount} running instances adopted)",
                NodeId = request.NodeId,
            });
            foreach (var e in events)
            {
                tx.AppendEvent(e);
            }

            return (adoptedCount, unknownCount);
        });

        SchedulerLog.NodeRegistered(_logger, request.NodeId, request.Address, adopted, unknown);
        await _reconciliation.ReconcileNowAsync(context.CancellationToken);
        return new RegisterReply
        {
            HeartbeatIntervalMillis = (int)_options.HeartbeatInterval.TotalMilliseconds,
            RegistryAddress = _options.RegistryAddress,
            RegistryToken = _options.RegistryToken,
        };
    }

    public Task<HeartbeatReply> Heartbeat(HeartbeatRequest request, ServerCallContext context)
    {
        ValidateNodeId(request.NodeId);
        var now = _time.GetUtcNow();
        var known = _store.Write(tx =>
        {
            var node = tx.GetNode(request.NodeId);
            if (node is null || node.State == NodeState.Lost)
            {
                // A lost node's instances were replaced; it must register again and be told its new set.
                return false;
            }

            tx.UpsertNode(node with { LastHeartbeat = now, ReportedUsed = ProtoMapping.FromProto(request.Used) });
            return true;
        });
        return Task.FromResult(new HeartbeatReply { Reregister = !known });
    }

    public async Task WatchAssignments(WatchAssignmentsRequest request, IServerStreamWriter<AssignmentSet> responses, ServerCallContext context)
    {
        ValidateNodeId(request.NodeId);
        if (_store.Read(tx => tx.GetNode(request.NodeId)) is null)
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"node '{request.NodeId}' is not registered: call Register first");
        }

        using var subscription = _publisher.Subscribe(request.NodeId);
        SchedulerLog.WatchStarted(_logger, request.NodeId);
        try
        {
            if (_publisher.Latest(request.NodeId) is null)
            {
                await _reconciliation.ReconcileNowAsync(context.CancellationToken);
            }

            await foreach (var set in subscription.Sets.ReadAllAsync(context.CancellationToken))
            {
                await responses.WriteAsync(ProtoMapping.ToProto(set), context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The agent disconnected: a normal end of the watch.
        }
        finally
        {
            SchedulerLog.WatchEnded(_logger, request.NodeId);
        }
    }

    public Task<ReportReply> ReportInstances(InstanceReportBatch request, ServerCallContext context)
    {
        var receivedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        ValidateNodeId(request.NodeId);
        if (_store.Read(tx => tx.GetNode(request.NodeId)) is null)
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"node '{request.NodeId}' is not registered: call Register first");
        }

        _reconciliation.ApplyReports(request.NodeId, request.Reports.Select(ProtoMapping.FromProto).ToList(), receivedAt);
        return Task.FromResult(new ReportReply());
    }

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
