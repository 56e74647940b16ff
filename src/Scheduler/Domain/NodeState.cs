namespace MiniPaas.Scheduler.Domain;

/// <summary>NodeState says whether a node can take work.</summary>
internal enum NodeState
{
    Ready = 0,
    Lost = 1,
    Draining = 2,
}
