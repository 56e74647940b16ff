namespace MiniPaas.Scheduler.Domain;

/// <summary>
/// InstanceRecord is one placed copy of an app (a Nomad allocation): the scheduler owns
/// <see cref="Desired"/>, <see cref="RestartGeneration"/> and placement; the agent's reports own
/// <see cref="Actual"/>, <see cref="Port"/>, <see cref="ContainerId"/>, exit code and message.
/// </summary>
internal sealed record InstanceRecord
{
    public required string InstanceId { get; init; }

    public required string App { get; init; }

    public required int Index { get; init; }

    public required int ReleaseVersion { get; init; }

    /// <summary>The app's <see cref="AppRecord.Deployment"/> this instance was created for.</summary>
    public required int Deployment { get; init; }

    public required string NodeId { get; init; }

    public long MemoryMb { get; init; }

    public long DiskMb { get; init; }

    public DesiredStatus Desired { get; init; } = DesiredStatus.Run;

    public InstanceState Actual { get; init; } = InstanceState.Pending;

    public int Port { get; init; }

    public string ContainerId { get; init; } = "";

    /// <summary>Restarts ordered by the scheduler over the instance's life.</summary>
    public int Restarts { get; init; }

    /// <summary>Crashes since the instance last ran stably; drives the restart backoff.</summary>
    public int CrashCount { get; init; }

    /// <summary>True from a crash report until the scheduler has ordered the restart.</summary>
    public bool AwaitingRestart { get; init; }

    public int LastExitCode { get; init; }

    public string Message { get; init; } = "";

    /// <summary>Incremented to ask the agent to restart the same instance.</summary>
    public int RestartGeneration { get; init; }

    /// <summary>When <see cref="Actual"/> last changed.</summary>
    public DateTimeOffset Since { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>True while the instance holds resources on its node (it may still be running).</summary>
    public bool HoldsResources =>
        Desired == DesiredStatus.Run
        || Actual is InstanceState.Pending or InstanceState.Starting or InstanceState.Running;
}
