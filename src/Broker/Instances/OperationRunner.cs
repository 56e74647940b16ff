using System.Collections.Concurrent;

namespace MiniPaas.Broker.Instances;

/// <summary>
/// Runs the backend work of instance operations off the request, one operation per instance at a time: a new
/// operation starts after the previous one of the same instance has finished (or, when it supersedes it, has
/// been cancelled). Stopping the broker cancels all work; operations left <c>in progress</c> in the store are
/// resumed at the next start.
/// </summary>
internal sealed class OperationRunner : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningOperation> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger<OperationRunner> _logger;

    public OperationRunner(ILogger<OperationRunner> logger) => _logger = logger;

    /// <summary>
    /// Starts <paramref name="work"/> for the instance. Call while holding the instance's lock, so the order of
    /// starts is the order of the state transitions. The returned task faults when the work fails. With
    /// <paramref name="supersede"/>, the instance's running operation is cancelled (a deprovision halting a
    /// provision) instead of waited for.
    /// </summary>
    public Task Start(string instanceId, string operationId, bool supersede, Func<CancellationToken, Task> work)
    {
        _running.TryGetValue(instanceId, out var previous);
        if (supersede)
        {
            previous?.Cancel();
        }

        var operation = new RunningOperation(operationId, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
        _running[instanceId] = operation;
        operation.Task = RunAsync(instanceId, previous, operation, work);
        return operation.Task;
    }

    /// <summary>Cancels every operation and waits for them to stop.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        foreach (var operation in _running.Values)
        {
            try
            {
                await operation.Task!;
            }
            catch (Exception)
            {
                // Already logged by RunAsync; stopping only waits.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    private async Task RunAsync(string instanceId, RunningOperation? previous, RunningOperation operation, Func<CancellationToken, Task> work)
    {
        // Off the caller's thread: the caller holds the instance lock and must return promptly.
        await Task.Yield();
        try
        {
            if (previous?.Task is { } earlier)
            {
                try
                {
                    await earlier;
                }
                catch (Exception)
                {
                    // The earlier operation recorded its own failure; this one proceeds regardless.
                }
            }

            await work(operation.Token);
        }
        catch (OperationCanceledException) when (operation.Token.IsCancellationRequested)
        {
            BrokerLog.OperationCancelled(_logger, instanceId, operation.Id);
            throw;
        }
        catch (Exception ex)
        {
            BrokerLog.OperationFailed(_logger, ex, instanceId, operation.Id);
            throw;
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<string, RunningOperation>(instanceId, operation));
            operation.Dispose();
        }
    }

    private sealed class RunningOperation(string id, CancellationTokenSource cancellation) : IDisposable
    {
        public string Id { get; } = id;

        public CancellationToken Token { get; } = cancellation.Token;

        public Task? Task { get; set; }

        public void Cancel()
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Finished in the meantime; nothing left to cancel.
            }
        }

        public void Dispose() => cancellation.Dispose();
    }
}
