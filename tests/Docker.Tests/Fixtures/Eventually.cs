namespace MiniPaas.Docker.Tests.Fixtures;

/// <summary>Waits for a condition with a deadline instead of sleeping a fixed time.</summary>
internal static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> WaitForAsync<T>(Func<CancellationToken, Task<T>> probe, Func<T, bool> isDone, TimeSpan timeout, string description)
    {
        using var deadline = new CancellationTokenSource(timeout);
        T last = default!;
        Exception? lastError = null;
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                last = await probe(deadline.Token);
                if (isDone(last))
                {
                    return last;
                }
            }
            catch (Exception exception) when (!deadline.IsCancellationRequested)
            {
                lastError = exception;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            try
            {
                await Task.Delay(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"Gave up after {timeout} waiting for {description}; last value: {last}; last error: {lastError?.Message}", lastError);
    }
}
