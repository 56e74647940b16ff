namespace MiniPaas.Router.Tests.Infrastructure;

/// <summary>Waits for a condition with a deadline, checking it in a short loop (never a fixed sleep).</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = TimeProvider.System.GetTimestamp();
        Exception? last = null;
        while (TimeProvider.System.GetElapsedTime(started) < limit)
        {
            try
            {
                if (await condition())
                {
                    return;
                }

                last = null;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                last = ex;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Timed out after {limit} waiting for: {what}" + (last is null ? string.Empty : $" (last error: {last.Message})"));
    }
}
