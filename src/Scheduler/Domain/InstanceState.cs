namespace MiniPaas.Scheduler.Domain;

/// <summary>
/// InstanceState is the actual state of an instance as its node agent reports it. The numeric
/// values match <c>minipaas.v1.InstanceState</c> so the API layer maps by value.
/// </summary>
internal enum InstanceState
{
    Unspecified = 0,
    Pending = 1,
    Starting = 2,
    Running = 3,
    Crashed = 4,
    Stopped = 5,
    Lost = 6,
}
