using Google.Protobuf.WellKnownTypes;
using MiniPaas.Contracts.V1;
using MiniPaas.Scheduler.Assignments;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Reconciliation;

namespace MiniPaas.Scheduler.Api;

/// <summary>ProtoMapping converts between the scheduler's records and the wire messages.</summary>
internal static class ProtoMapping
{
    public static HealthCheck ToProto(HealthCheckSpec spec) => new()
    {
        Type = spec.Type,
        Endpoint = spec.Endpoint,
        StartupTimeoutSeconds = spec.StartupTimeoutSeconds,
        IntervalMillis = spec.IntervalMillis,
        FailureThreshold = spec.FailureThreshold,
    };

    public static Timestamp ToProto(DateTimeOffset time) => Timestamp.FromDateTimeOffset(time);

    public static Contracts.V1.InstanceState ToProto(Domain.InstanceState state) => (Contracts.V1.InstanceState)(int)state;

    public static Domain.InstanceState FromProto(Contracts.V1.InstanceState state) =>
        System.Enum.IsDefined((Domain.InstanceState)(int)state) ? (Domain.InstanceState)(int)state : Domain.InstanceState.Unspecified;

    public static Resources ToProto(ResourceAmounts amounts) => new()
    {
        MemoryMb = amounts.MemoryMb,
        DiskMb = amounts.DiskMb,
        Instances = amounts.Instances,
    };

    public static ResourceAmounts FromProto(Resources? resources) =>
        resources is null ? default : new ResourceAmounts(resources.MemoryMb, resources.DiskMb, resources.Instances);

    public static ObservedInstance FromProto(InstanceReport report) => new()
    {
        InstanceId = report.InstanceId,
        State = FromProto(report.State),
        Port = report.Port,
        ContainerId = report.ContainerId,
        ExitCode = report.ExitCode,
        Message = report.Message,
        Since = report.Since is null ? null : report.Since.ToDateTimeOffset(),
    };

    public static PlatformEvent ToProto(EventRecord e) => new()
    {
        Time = ToProto(e.Time),
        App = e.App,
        Kind = e.Kind,
        Message = e.Message,
        InstanceIndex = e.InstanceIndex,
        NodeId = e.NodeId,
    };

    public static ReleaseSummary ToProto(ReleaseRecord release, int currentVersion) => new()
    {
        Version = release.Version,
        ImageDigest = release.ImageDigest,
        ImageRepository = release.ImageRepository,
        Stack = release.Stack,
        Command = release.Command,
        CreatedAt = ToProto(release.CreatedAt),
        Description = release.Description,
        Current = release.Version == currentVersion,
    };

    public static AssignmentSet ToProto(NodeAssignmentSet set)
    {
        var message = new AssignmentSet { Generation = set.Generation };
        foreach (var a in set.Assignments)
        {
            var assignment = new Assignment
            {
                InstanceId = a.InstanceId,
                App = a.App,
                Index = a.Index,
                ReleaseVersion = a.ReleaseVersion,
                Image = a.Image,
                Command = a.Command,
                MemoryMb = a.MemoryMb,
                DiskMb = a.DiskMb,
                HealthCheck = ToProto(a.HealthCheck),
                RestartGeneration = a.RestartGeneration,
                KillGeneration = a.KillGeneration,
            };
            assignment.Env.Add(a.Env.ToDictionary());
            message.Assignments.Add(assignment);
        }

        return message;
    }
}
