using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.Instances;

/// <summary>
/// One instance the agent is responsible for and the container it currently runs it in. Every
/// field is guarded by the supervisor's lock; Docker work for one instance is serialised through
/// <see cref="Enqueue"/> so a stop never overtakes the start it cancels.
/// </summary>
internal sealed class ManagedInstance
{
    private Task _tail = Task.CompletedTask;

    public ManagedInstance(string instanceId, string app, int index, int releaseVersion, string image, int restartGeneration)
    {
        InstanceId = instanceId;
        App = app;
        Index = index;
        ReleaseVersion = releaseVersion;
        Image = image;
        RestartGeneration = restartGeneration;
    }

    public string InstanceId { get; }

    public string App { get; set; }

    public int Index { get; set; }

    public int ReleaseVersion { get; set; }

    /// <summary>The image the instance runs or is about to run.</summary>
    public string Image { get; set; }

    /// <summary>The restart generation the instance runs or is about to run.</summary>
    public int RestartGeneration { get; set; }

    /// <summary>The last operator kill generation seen for the instance; null before its first assignment (see <see cref="InstanceKillPolicy"/>).</summary>
    public int? KillGeneration { get; set; }

    /// <summary>The scheduler's assignment; null for a container adopted at start-up until the first assignment set names it.</summary>
    public Assignment? Assignment { get; set; }

    public int Port { get; set; }

    public string? ContainerId { get; set; }

    public InstanceState State { get; set; } = InstanceState.Pending;

    public DateTimeOffset Since { get; set; }

    public int ExitCode { get; set; }

    public string Message { get; set; } = string.Empty;

    /// <summary>Set when the scheduler no longer wants the instance; cleared if it wants it back before the removal finished.</summary>
    public bool BeingRemoved { get; set; }

    /// <summary>True while a health monitor watches the current container.</summary>
    public bool Monitored { get; set; }

    /// <summary>Cancels everything done for the current container: its start and its health checks.</summary>
    public CancellationTokenSource Incarnation { get; set; } = new();

    /// <summary>The last queued Docker operation; awaited at shutdown.</summary>
    public Task Tail => _tail;

    public InstanceSnapshot Snapshot() => new(InstanceId, RestartGeneration, Image, BeingRemoved);

    /// <summary>Runs <paramref name="operation"/> after every operation queued before it. Must be called under the supervisor's lock.</summary>
    public void Enqueue(Func<Task> operation)
    {
        _tail = _tail.ContinueWith(_ => operation(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Cancels the current incarnation and starts a new one linked to <paramref name="lifetime"/>.</summary>
    public CancellationToken RenewIncarnation(CancellationToken lifetime)
    {
        Incarnation.Cancel();
        Incarnation.Dispose();
        Incarnation = CancellationTokenSource.CreateLinkedTokenSource(lifetime);
        Monitored = false;
        return Incarnation.Token;
    }
}
