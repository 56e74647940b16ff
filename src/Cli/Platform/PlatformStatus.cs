namespace MiniPaas.Cli.Platform;

/// <summary>PlatformStatus reads which of the components <c>up</c> started from a home still run, by pid and command line.</summary>
internal static class PlatformStatus
{
    /// <summary>One row per recorded component, in start order.</summary>
    public static IReadOnlyList<ComponentStatus> Read(string home, TimeProvider time)
    {
        var supervisor = new ProcessSupervisor(home, time);
        return PlatformState.Load(home).Components
            .Select(c => new ComponentStatus(c.Name, c.Address, supervisor.FindRunning(c.Name, c.Argv), supervisor.LogFile(c.Name)))
            .ToArray();
    }
}
