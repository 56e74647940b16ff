using System.Security.Cryptography;
using System.Text;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Services;

namespace MiniPaas.Scheduler.Assignments;

/// <summary>
/// AssignmentBuilder turns cluster state into each node's desired set. A node's generation goes up
/// only when its set's content changes, and it is stored with the node, so it keeps increasing
/// across scheduler restarts and an agent can always ignore a stale set.
/// </summary>
internal static class AssignmentBuilder
{
    /// <summary>Sets for every known node, and the node records whose generation moved.</summary>
    /// <param name="state">The cluster after the pass.</param>
    /// <param name="registryAddress">Where agents pull from.</param>
    /// <param name="killGenerations">Operator kill requests per instance id; none when null.</param>
    public static (IReadOnlyList<NodeAssignmentSet> Sets, IReadOnlyList<NodeRecord> ChangedNodes) Build(
        ClusterSnapshot state, string registryAddress, AppServiceEnvironments? services = null, Func<string, int>? killGenerations = null)
    {
        services ??= AppServiceEnvironments.None;
        var byNode = state.Instances
            .Where(i => i.Desired == DesiredStatus.Run)
            .GroupBy(i => i.NodeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(i => i.App, StringComparer.Ordinal).ThenBy(i => i.Index).ThenBy(i => i.InstanceId, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

        var sets = new List<NodeAssignmentSet>();
        var changed = new List<NodeRecord>();
        foreach (var node in state.Nodes.Values.OrderBy(n => n.NodeId, StringComparer.Ordinal))
        {
            var assignments = new List<NodeAssignment>();
            if (node.State != NodeState.Lost && byNode.TryGetValue(node.NodeId, out var instances))
            {
                foreach (var instance in instances)
                {
                    if (state.Releases.TryGetValue(new ReleaseKey(instance.App, instance.ReleaseVersion), out var release))
                    {
                        assignments.Add(ToAssignment(instance, release, registryAddress, services) with { KillGeneration = killGenerations?.Invoke(instance.InstanceId) ?? 0 });
                    }
                }
            }

            var fingerprint = Fingerprint(assignments);
            var current = node;
            if (fingerprint != node.AssignmentFingerprint)
            {
                current = node with { AssignmentGeneration = node.AssignmentGeneration + 1, AssignmentFingerprint = fingerprint };
                changed.Add(current);
            }

            sets.Add(new NodeAssignmentSet(node.NodeId, current.AssignmentGeneration, assignments));
        }

        return (sets, changed);
    }

    /// <summary>The pull reference for a release's image.</summary>
    public static string ImageReference(ReleaseRecord release, string registryAddress)
    {
        // A repository that already names a registry host (has '.' or ':' before its first '/') is used as is.
        var slash = release.ImageRepository.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? "" : release.ImageRepository[..slash];
        var repository = first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost"
            ? release.ImageRepository
            : $"{registryAddress}/{release.ImageRepository}";
        return $"{repository}@{release.ImageDigest}";
    }

    private static NodeAssignment ToAssignment(InstanceRecord instance, ReleaseRecord release, string registryAddress, AppServiceEnvironments services) => new()
    {
        InstanceId = instance.InstanceId,
        App = instance.App,
        Index = instance.Index,
        ReleaseVersion = instance.ReleaseVersion,
        Image = ImageReference(release, registryAddress),
        Command = release.Command,
        Env = ServiceEnvironment.Merge(release.Env, services.For(instance.App, instance.Deployment)),
        MemoryMb = instance.MemoryMb,
        DiskMb = instance.DiskMb,
        HealthCheck = release.HealthCheck,
        RestartGeneration = instance.RestartGeneration,
    };

    private static string Fingerprint(IReadOnlyList<NodeAssignment> assignments)
    {
        var text = new StringBuilder();
        foreach (var a in assignments)
        {
            text.Append(a.InstanceId).Append('\n').Append(a.App).Append('\n').Append(a.Index).Append('\n')
                .Append(a.ReleaseVersion).Append('\n').Append(a.Image).Append('\n').Append(a.Command).Append('\n')
                .Append(a.MemoryMb).Append('\n').Append(a.DiskMb).Append('\n').Append(a.RestartGeneration).Append('\n')
                .Append(a.KillGeneration).Append('\n').Append(a.HealthCheck).Append('\n');
            foreach (var (key, value) in a.Env.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(key).Append('=').Append(value).Append('\n');
            }

            text.Append('\0');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
