namespace MiniPaas.Registry.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes; for effects the server completes after answering.</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (!condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"timed out after {timeout} waiting for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25));
        }
    }
}
