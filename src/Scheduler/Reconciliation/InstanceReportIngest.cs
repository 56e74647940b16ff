using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;

namespace MiniPaas.Scheduler.Reconciliation;

/// <summary>
/// InstanceReportIngest folds an agent's report into an instance record. Pure: the caller stores the
/// result. A crash is counted once however often the agent repeats it, so the restart backoff
/// cannot be skipped or doubled by duplicate reports.
/// </summary>
internal static class InstanceReportIngest
{
    /// <summary>Returns the updated record; appends an event to <paramref name="events"/> for a new crash.</summary>
    public static InstanceRecord Apply(
        InstanceRecord current, ObservedInstance report, DateTimeOffset now, SchedulerOptions options, ICollection<EventRecord> events)
    {
        if (report.State == InstanceState.Unspecified)
        {
            return current;
        }

        var since = report.Since ?? now;

        // Reports can arrive out of order; an agent timestamp older than the agent state we hold is stale.
        if (report.Since is { } reported
            && current.Actual is InstanceState.Starting or InstanceState.Running or InstanceState.Crashed or InstanceState.Stopped
            && reported < current.Since)
        {
            return current;
        }

        var next = current with
        {
            Port = report.Port != 0 ? report.Port : current.Port,
            ContainerId = report.ContainerId.Length > 0 ? report.ContainerId : current.ContainerId,
            Message = report.Message.Length > 0 || report.State != current.Actual ? report.Message : current.Message,
        };

        // A container that stops on its own while it should run is a crash too.
        var failed = report.State == InstanceState.Crashed
            || (report.State == InstanceState.Stopped && current.Desired == DesiredStatus.Run);
        if (!failed)
        {
            return report.State == current.Actual ? next : next with { Actual = report.State, Since = since };
        }

        var isNewFailure = current.Actual is not (InstanceState.Crashed or InstanceState.Stopped)
            || (!current.AwaitingRestart && since > current.Since);
        if (!isNewFailure)
        {
            return next;
        }

        if (current.Desired == DesiredStatus.Stop)
        {
            return next with { Actual = report.State, Since = since, LastExitCode = report.ExitCode };
        }

        var ranStably = current.Actual == InstanceState.Running && since - current.Since >= options.CrashCountResetAfter;
        var crashCount = (ranStably ? 0 : current.CrashCount) + 1;
        events.Add(new EventRecord
        {
            Time = now,
            App = current.App,
            Kind = EventKinds.InstanceCrashed,
            Message = $"{current.App}[{current.Index}] crashed (exit code {report.ExitCode}, crash {crashCount} in a row)"
                + (report.Message.Length > 0 ? $": {report.Message}" : ""),
            InstanceIndex = current.Index,
            NodeId = current.NodeId,
        });
        return next with
        {
            Actual = InstanceState.Crashed,
            Since = since,
            LastExitCode = report.ExitCode,
            CrashCount = crashCount,
            AwaitingRestart = true,
        };
    }
}
