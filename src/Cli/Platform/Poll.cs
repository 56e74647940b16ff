namespace MiniPaas.Cli.Platform;

/// <summary>
/// Poll waits for a condition with a deadline: the condition is checked at once, then every
/// <c>interval</c> until it holds or the deadline passes. Used for things that announce nothing
/// (a port starting to answer, a process exiting).
/// </summary>
internal static class Poll
{
    /// <summary>True as soon as <paramref name="condition"/> holds; false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> UntilAsync(
        Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            if (await condition(cancellationToken))
            {
                return true;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return false;
            }

            await Task.Delay(interval, time, cancellationToken);
        }
    }

    /// <summary>The synchronous-condition form of <see cref="UntilAsync(Func{CancellationToken, Task{bool}}, TimeSpan, TimeSpan, TimeProvider, CancellationToken)"/>.</summary>
    public static Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan interval, TimeProvider time, CancellationToken cancellationToken) =>
        UntilAsync(_ => Task.FromResult(condition()), timeout, interval, time, cancellationToken);
}
