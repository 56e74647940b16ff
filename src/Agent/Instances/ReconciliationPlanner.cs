using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.Instances;

/// <summary>
/// Compares the node's desired assignments with the instances the agent holds. Pure, so every
/// rule is unit-tested:
/// <list type="bullet">
/// <item>desired, not held → start;</item>
/// <item>held, not desired → stop and remove;</item>
/// <item>held and desired with a higher restart generation or another image → restart;</item>
/// <item>held, being removed, desired again → restart (the removal is overtaken);</item>
/// <item>otherwise keep (a crashed instance stays crashed until the scheduler bumps its restart generation).</item>
/// </list>
/// Assignments without an instance id, and repeats of an id, are rejected with a reason.
/// </summary>
internal static class ReconciliationPlanner
{
    public static ReconciliationPlan Plan(IEnumerable<Assignment> desired, IEnumerable<InstanceSnapshot> held)
    {
        var heldById = held.ToDictionary(instance => instance.InstanceId, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var toStart = new List<Assignment>();
        var toRestart = new List<Assignment>();
        var toKeep = new List<Assignment>();
        var rejected = new List<string>();

        foreach (var assignment in desired)
        {
            if (string.IsNullOrWhiteSpace(assignment.InstanceId))
            {
                rejected.Add($"assignment for app '{assignment.App}' index {assignment.Index} has no instance id");
                continue;
            }

            if (!seen.Add(assignment.InstanceId))
            {
                rejected.Add($"instance {assignment.InstanceId} is assigned more than once; the first assignment wins");
                continue;
            }

            if (!heldById.TryGetValue(assignment.InstanceId, out var current))
            {
                toStart.Add(assignment);
            }
            else if (current.BeingRemoved
                || assignment.RestartGeneration > current.RestartGeneration
                || !string.Equals(assignment.Image, current.Image, StringComparison.Ordinal))
            {
                toRestart.Add(assignment);
            }
            else
            {
                toKeep.Add(assignment);
            }
        }

        var toStop = heldById.Values
            .Where(instance => !instance.BeingRemoved && !seen.Contains(instance.InstanceId))
            .Select(instance => instance.InstanceId)
            .ToList();

        return new ReconciliationPlan(toStart, toStop, toRestart, toKeep, rejected);
    }
}
