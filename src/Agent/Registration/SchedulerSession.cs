using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.Registration;

/// <summary>
/// What the agent knows about its current registration: whether the scheduler accepted it, the
/// heartbeat interval and the registry credentials it handed out. Reports wait on it so they are
/// never sent to a scheduler that does not know the node yet.
/// </summary>
internal sealed class SchedulerSession
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _registered = NewSignal();
    private RegisterReply? _reply;
    private RegistryCredentials? _lastRegistry;

    public bool IsRegistered
    {
        get
        {
            lock (_gate)
            {
                return _reply is not null;
            }
        }
    }

    /// <summary>
    /// The registry the scheduler last told the agent to pull from, or null before the first
    /// registration. Kept while disconnected: a start queued before the scheduler went away still pulls.
    /// </summary>
    public RegistryCredentials? Registry
    {
        get
        {
            lock (_gate)
            {
                return _lastRegistry;
            }
        }
    }

    /// <summary>The heartbeat interval the scheduler asked for, or null to keep the configured one.</summary>
    public TimeSpan? HeartbeatInterval
    {
        get
        {
            lock (_gate)
            {
                return _reply is { HeartbeatIntervalMillis: > 0 } reply ? TimeSpan.FromMilliseconds(reply.HeartbeatIntervalMillis) : null;
            }
        }
    }

    public void OnRegistered(RegisterReply reply)
    {
        lock (_gate)
        {
            _reply = reply;
            if (reply.RegistryAddress.Length > 0)
            {
                _lastRegistry = new RegistryCredentials(reply.RegistryAddress, reply.RegistryToken);
            }

            _registered.TrySetResult();
        }
    }

    public void OnDisconnected()
    {
        lock (_gate)
        {
            _reply = null;
            if (_registered.Task.IsCompleted)
            {
                _registered = NewSignal();
            }
        }
    }

    public Task WaitUntilRegisteredAsync(CancellationToken cancellationToken)
    {
        Task signal;
        lock (_gate)
        {
            signal = _registered.Task;
        }

        return signal.WaitAsync(cancellationToken);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
