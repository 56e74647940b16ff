using System.Collections.Concurrent;

namespace MiniPaas.Rpc.Tests.Harness;

/// <summary>Lets the test server's handlers report what they observed (e.g. their token firing) to the test.</summary>
internal sealed class CallProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _reports = new();

    public void Report(string probeId, string observation)
    {
        if (!string.IsNullOrEmpty(probeId))
        {
            Get(probeId).TrySetResult(observation);
        }
    }

    public Task<string> WaitAsync(string probeId) => Get(probeId).Task.WaitAsync(TestTimeouts.Condition);

    /// <summary>Completes once the handler has started waiting on its cancellation token.</summary>
    public Task WaitUntilHandlerWaitsAsync(string probeId) => WaitAsync(WaitingKey(probeId));

    public static string WaitingKey(string probeId) => probeId + "/waiting";

    private TaskCompletionSource<string> Get(string probeId) =>
        _reports.GetOrAdd(probeId, _ => new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
}
