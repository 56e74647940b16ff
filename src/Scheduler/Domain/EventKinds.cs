namespace MiniPaas.Scheduler.Domain;

/// <summary>EventKinds lists every event kind the scheduler records, in one place.</summary>
internal static class EventKinds
{
    public const string AppPushed = "app.pushed";
    public const string AppScaled = "app.scaled";
    public const string AppStarted = "app.started";
    public const string AppStopped = "app.stopped";
    public const string AppRestarted = "app.restarted";
    public const string AppDeleted = "app.deleted";
    public const string AppRolledBack = "app.rolled_back";
    public const string InstanceCrashed = "instance.crashed";
    public const string InstanceRestarted = "instance.restarted";
    public const string InstanceLost = "instance.lost";
    public const string InstanceKillRequested = "instance.kill_requested";
    public const string InstanceUnplaceable = "instance.unplaceable";
    public const string RolloutHalted = "rollout.halted";
    public const string RolloutResumed = "rollout.resumed";
    public const string RolloutCompleted = "rollout.completed";
    public const string NodeRegistered = "node.registered";
    public const string NodeLost = "node.lost";
    public const string NodeDraining = "node.draining";
    public const string NodeDrained = "node.drained";
    public const string NodeUncordoned = "node.uncordoned";
    public const string RouteMapped = "route.mapped";
    public const string RouteUnmapped = "route.unmapped";
    public const string ServiceBound = "service.bound";
    public const string ServiceUnbound = "service.unbound";
}
