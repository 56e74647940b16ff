using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Api;

/// <summary>RolloutProgress says whether a deploy has finished rolling out, from the app and its instances.</summary>
internal static class RolloutProgress
{
    /// <summary>Null while in progress; otherwise the closing message and whether it succeeded.</summary>
    public static (bool Succeeded, string Message)? Evaluate(AppRecord? app, IReadOnlyList<InstanceRecord> instances, int deployment)
    {
        if (app is null)
        {
            return (false, "the app was deleted during the deploy");
        }

        if (app.Deployment != deployment)
        {
            return (false, $"superseded by a newer deployment of {app.Name}");
        }

        if (!app.Started)
        {
            return (true, $"{app.Name} v{app.CurrentReleaseVersion} released; the app is stopped, so no instances run");
        }

        var running = instances.Count(i => i.Deployment == deployment && i.Desired == DesiredStatus.Run && i.Actual == InstanceState.Running);
        if (running >= app.DesiredInstances)
        {
            return (true, $"{app.Name} v{app.CurrentReleaseVersion}: {running} of {app.DesiredInstances} instances running");
        }

        if (app.RolloutHalted)
        {
            return (false, $"rollout of {app.Name} v{app.CurrentReleaseVersion} halted: new instances keep crashing; the previous release keeps serving ({running} of {app.DesiredInstances} new instances running)");
        }

        if (app.PlacementError.Length > 0)
        {
            return (false, $"cannot place every instance of {app.Name}: {app.PlacementError}");
        }

        return null;
    }
}
