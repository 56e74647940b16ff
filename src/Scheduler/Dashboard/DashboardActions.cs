using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using MiniPaas.Scheduler.Assignments;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardActions carries out the operator's demo actions. Killing an instance goes through its
/// agent (the scheduler owns no containers): the kill request rides on the node's next assignment
/// set, the agent SIGKILLs the container, reports the crash, and ordinary recovery follows.
/// </summary>
internal sealed class DashboardActions
{
    private readonly SchedulerStore _store;
    private readonly InstanceKillRequests _kills;
    private readonly ReconciliationService _reconciliation;
    private readonly TimeProvider _time;
    private readonly ILogger<DashboardActions> _logger;

    public DashboardActions(SchedulerStore store, InstanceKillRequests kills, ReconciliationService reconciliation, TimeProvider time, ILogger<DashboardActions> logger)
    {
        _store = store;
        _kills = kills;
        _reconciliation = reconciliation;
        _time = time;
        _logger = logger;
    }

    /// <summary>Asks the instance's agent to kill its container; the status code and message for the page.</summary>
    public (int Status, string Message) KillInstance(string instanceId)
    {
        var instance = _store.Read(tx => tx.GetInstance(instanceId));
        if (instance is null)
        {
            return (StatusCodes.Status404NotFound, $"no instance \"{instanceId}\"");
        }

        if (instance.Desired != DesiredStatus.Run || instance.Actual is not (InstanceState.Running or InstanceState.Starting))
        {
            return (StatusCodes.Status409Conflict, $"instance {instance.App}#{instance.Index} is {instance.Actual.ToString().ToLowerInvariant()}, not running: nothing to kill");
        }

        var generation = _kills.Request(instanceId);
        _store.Write(tx => tx.AppendEvent(new EventRecord
        {
            Time = _time.GetUtcNow(),
            App = instance.App,
            Kind = EventKinds.InstanceKillRequested,
            InstanceIndex = instance.Index,
            NodeId = instance.NodeId,
            Message = $"operator asked {instance.NodeId} to kill {instance.App}#{instance.Index} from the dashboard",
        }));
        SchedulerLog.DashboardKillRequested(_logger, instance.App, instance.Index, instance.NodeId, generation);
        // The next pass publishes the node's set with the new kill generation.
        _reconciliation.Trigger();
        return (StatusCodes.Status202Accepted, $"kill of {instance.App}#{instance.Index} sent to {instance.NodeId}");
    }
}
