using System.Globalization;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Output;

/// <summary>
/// InstanceProgress summarises a rollout from an <see cref="AppDetail"/>: how many instances of the
/// target release run, and what the others are doing. <c>push</c> prints it on every change and
/// uses <see cref="IsComplete"/> to decide its exit code.
/// </summary>
internal static class InstanceProgress
{
    /// <summary>e.g. <c>instances: 2/3 running, 1 starting</c>; instances of older releases are counted apart.</summary>
    public static string Describe(AppDetail app, int releaseVersion)
    {
        var desired = app.Summary?.DesiredInstances ?? 0;
        var current = app.Instances.Where(i => releaseVersion == 0 || i.ReleaseVersion == releaseVersion).ToArray();
        var running = current.Count(i => i.State == InstanceState.Running);
        var text = string.Create(CultureInfo.InvariantCulture, $"instances: {running}/{desired} running");
        var others = current
            .Where(i => i.State != InstanceState.Running)
            .GroupBy(i => Humanize.State(i.State))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key}"));
        var older = app.Instances.Count(i => releaseVersion != 0 && i.ReleaseVersion != releaseVersion);
        var parts = new List<string> { text };
        parts.AddRange(others);
        if (older > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{older} of an older release"));
        }

        return string.Join(", ", parts);
    }

    /// <summary>
    /// True when the app runs what was asked: a stopped app needs nothing running; a started one
    /// needs its desired number of running instances of <paramref name="releaseVersion"/>. Instances
    /// of an older release still shutting down do not count against it: the controller drains them
    /// after the new ones are up.
    /// </summary>
    public static bool IsComplete(AppDetail app, int releaseVersion)
    {
        if (app.Summary is null)
        {
            return false;
        }

        if (app.Summary.State == "stopped" || app.Summary.DesiredInstances == 0)
        {
            return true;
        }

        var runningCurrent = app.Instances.Count(i => i.State == InstanceState.Running && (releaseVersion == 0 || i.ReleaseVersion == releaseVersion));
        return runningCurrent >= app.Summary.DesiredInstances;
    }
}
