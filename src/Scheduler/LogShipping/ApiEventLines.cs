using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.LogShipping;

/// <summary>
/// Turns a recorded platform event into the <c>API</c> line shipped under its app (events without an
/// app, such as a node lost or registered, go to the <c>system</c> app). Pure, so it is unit-tested.
/// </summary>
internal static class ApiEventLines
{
    /// <summary>The source instance of every API line: the one controller there is.</summary>
    public const string SourceInstance = "scheduler";

    /// <summary>The entry for <paramref name="platformEvent"/>; failures (crashes, lost instances, halted rollouts) go to ERR.</summary>
    public static LogEntry ToEntry(EventRecord platformEvent)
    {
        ArgumentNullException.ThrowIfNull(platformEvent);
        var entry = new LogEntry
        {
            App = string.IsNullOrEmpty(platformEvent.App) ? LogSourceTypes.SystemApp : platformEvent.App,
            SourceType = LogSourceTypes.Api,
            SourceInstance = SourceInstance,
            Stream = IsFailure(platformEvent.Kind) ? LogOutputStream.Err : LogOutputStream.Out,
            Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(platformEvent.Time),
            Message = platformEvent.Message,
        };
        entry.Fields["kind"] = platformEvent.Kind;
        if (platformEvent.InstanceIndex >= 0)
        {
            entry.Fields["instance_index"] = platformEvent.InstanceIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrEmpty(platformEvent.NodeId))
        {
            entry.Fields["node_id"] = platformEvent.NodeId;
        }

        return entry;
    }

    private static bool IsFailure(string kind) => kind is EventKinds.InstanceCrashed or EventKinds.InstanceLost
        or EventKinds.InstanceUnplaceable or EventKinds.RolloutHalted or EventKinds.NodeLost;
}
