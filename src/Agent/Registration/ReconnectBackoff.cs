namespace MiniPaas.Agent.Registration;

/// <summary>
/// Exponential delay between reconnect attempts: 200 ms, doubling up to a cap, with up to 20 %
/// random jitter so several agents do not hammer a restarting scheduler in lockstep.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan maximum, Random? random = null)
{
    public static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(200);

    private readonly Random _random = random ?? Random.Shared;
    private int _failures;

    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 20);
        _failures++;
        var baseDelay = TimeSpan.FromMilliseconds(Math.Min(Initial.TotalMilliseconds * Math.Pow(2, exponent), maximum.TotalMilliseconds));
        var jitter = baseDelay * (_random.NextDouble() * 0.2);
        var delay = baseDelay + jitter;
        return delay > maximum ? maximum : delay;
    }

    public void Reset() => _failures = 0;
}
