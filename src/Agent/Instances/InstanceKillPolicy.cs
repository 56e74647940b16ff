namespace MiniPaas.Agent.Instances;

/// <summary>
/// InstanceKillPolicy decides when an operator's kill request (<c>Assignment.kill_generation</c>,
/// sent from the dashboard) means "SIGKILL the container now": only when the number grows over the
/// last one this agent saw for the instance. An instance first seen with a non-zero number is not
/// killed (the request predates this agent or was already carried out by its previous life), and
/// a number going down (the scheduler restarted and forgot its requests) is nothing new either.
/// </summary>
internal static class InstanceKillPolicy
{
    public static bool ShouldKill(int? lastSeen, int requested) => lastSeen is { } seen && requested > seen;
}
