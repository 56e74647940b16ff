namespace MiniPaas.Cli.Platform;

/// <summary>What <see cref="ProcessSupervisor.StopAsync"/> did.</summary>
internal enum StopOutcome
{
    /// <summary>No pid file, or its process had already exited.</summary>
    NotRunning,

    /// <summary>The process exited after SIGTERM.</summary>
    Stopped,

    /// <summary>The process ignored SIGTERM past the grace period and was killed.</summary>
    Killed,

    /// <summary>The pid now belongs to another program (the pid was reused), so nothing was signalled.</summary>
    NotOurs,
}
