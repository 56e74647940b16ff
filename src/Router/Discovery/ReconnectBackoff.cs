namespace MiniPaas.Router.Discovery;

/// <summary>
/// Capped exponential backoff with jitter for reconnecting to the scheduler: initial, 2×, 4× ... up to the
/// cap, each wait shortened by up to 20% at random so many routers do not reconnect in lockstep.
/// </summary>
internal sealed class ReconnectBackoff
{
    private const double Jitter = 0.2;

    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly Random _random;
    private int _failures;

    public ReconnectBackoff(TimeSpan initial, TimeSpan max, Random? random = null)
    {
        if (initial <= TimeSpan.Zero || max < initial)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"Backoff needs 0 < initial ({initial}) <= max ({max}).");
        }

        _initial = initial;
        _max = max;
        _random = random ?? Random.Shared;
    }

    /// <summary>The wait before the next reconnect attempt; each call doubles the base up to the cap.</summary>
    public TimeSpan Next()
    {
        var exponent = Math.Min(_failures, 30);
        _failures++;
        var baseDelay = TimeSpan.FromTicks((long)Math.Min(_max.Ticks, _initial.Ticks * Math.Pow(2, exponent)));
        return baseDelay * (1 - (Jitter * _random.NextDouble()));
    }

    /// <summary>Starts over after a successful connection.</summary>
    public void Reset() => _failures = 0;
}
