namespace MiniPaas.EndToEnd.Tests.Platform;

/// <summary>
/// Eventually waits on a condition with a deadline. The platform converges asynchronously, so
/// tests poll what a user would see instead of sleeping for a guessed time.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        T last = default!;
        Exception? lastError = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            try
            {
                last = await probe();
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lastError = e;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException(
            $"timed out after {timeout.TotalSeconds:0} s waiting for {what}; last seen: {Describe(last)}{(lastError is null ? "" : $"; last error: {lastError.Message}")}");
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "nothing",
        System.Collections.IEnumerable items and not string => string.Join(", ", items.Cast<object?>()),
        _ => value.ToString() ?? "nothing",
    };
}
