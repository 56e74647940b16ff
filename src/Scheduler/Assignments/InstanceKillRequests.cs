namespace MiniPaas.Scheduler.Assignments;

/// <summary>
/// InstanceKillRequests counts operator requests to kill an instance's container (from the
/// dashboard). The count travels as <c>Assignment.kill_generation</c>; an agent kills the
/// container when it sees the number grow, and the normal crash path then restarts it. Counts
/// live in memory: after a scheduler restart they start at 0 again, which agents treat as
/// "nothing new" because they only act on an increase over what they saw.
/// </summary>
internal sealed class InstanceKillRequests
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _generations = new(StringComparer.Ordinal);

    /// <summary>Records one more kill request; returns the new generation.</summary>
    public int Request(string instanceId)
    {
        lock (_gate)
        {
            var next = _generations.GetValueOrDefault(instanceId) + 1;
            _generations[instanceId] = next;
            return next;
        }
    }

    /// <summary>The instance's kill generation, 0 when none was requested.</summary>
    public int GenerationOf(string instanceId)
    {
        lock (_gate)
        {
            return _generations.GetValueOrDefault(instanceId);
        }
    }
}
