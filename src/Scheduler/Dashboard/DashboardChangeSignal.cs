namespace MiniPaas.Scheduler.Dashboard;

/// <summary>
/// DashboardChangeSignal wakes every dashboard stream when something they show may have changed
/// (a committed store write, a new router metrics scrape). It carries no data: each stream
/// re-reads one snapshot per wake-up, so a burst of changes costs one read per stream.
/// </summary>
internal sealed class DashboardChangeSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    /// <summary>Increases on every <see cref="Pulse"/>.</summary>
    public long Version => Interlocked.Read(ref _version);

    public void Pulse()
    {
        TaskCompletionSource fired;
        lock (_gate)
        {
            _version++;
            fired = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        fired.TrySetResult();
    }

    /// <summary>Completes when the version is past <paramref name="seen"/>, or after <paramref name="timeout"/>.</summary>
    public async Task WaitAsync(long seen, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task next;
        lock (_gate)
        {
            if (_version != seen)
            {
                return;
            }

            next = _next.Task;
        }

        try
        {
            await next.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A quiet period: the caller still refreshes what ages by itself (heartbeat ages, uptimes).
        }
    }
}
