namespace MiniPaas.Staging.Tests.Fixtures;

/// <summary>Polls a condition until it holds or a deadline passes; tests never sleep a fixed time.</summary>
internal static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<CancellationToken, Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        using var deadline = new CancellationTokenSource(timeout);
        Exception? last = null;
        var pause = TimeSpan.FromMilliseconds(50);
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                if (await probe(deadline.Token) is { } result)
                {
                    return result;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
            {
                last = ex;
            }

            try
            {
                await Task.Delay(pause, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            pause = TimeSpan.FromMilliseconds(Math.Min(pause.TotalMilliseconds * 2, 500));
        }

        throw new TimeoutException($"Timed out after {timeout} waiting for {what}.", last);
    }
}
