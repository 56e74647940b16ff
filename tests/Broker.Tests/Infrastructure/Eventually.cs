namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>Polls until a condition holds or a deadline passes; for operations the broker finishes in the background.</summary>
internal static class Eventually
{
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout} waiting for {what}; last value: {value}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
