using MiniPaas.LogAggregator.Ingest;
using MiniPaas.LogAggregator.Tests.Infrastructure;

namespace MiniPaas.LogAggregator.Tests.Ingest;

public sealed class InstanceRateLimiterTests
{
    private static readonly InstanceKey Instance0 = new("noisy", "APP", "0");
    private static readonly InstanceKey Instance1 = new("noisy", "APP", "1");

    [Fact]
    public void TryAcquire_BeyondBurst_DropsAndCountsUntilTimeRefills()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new InstanceRateLimiter(linesPerSecond: 10, burst: 10, clock);

        var first = Enumerable.Range(0, 15).Count(_ => limiter.TryAcquire(Instance0));
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var afterHalfSecond = Enumerable.Range(0, 15).Count(_ => limiter.TryAcquire(Instance0));

        Assert.Equal(10, first);
        Assert.Equal(5, afterHalfSecond);
        var dropped = Assert.Single(limiter.TakeDropped(TimeSpan.FromMinutes(10)));
        Assert.Equal(Instance0, dropped.Source);
        Assert.Equal(15, dropped.Count);
        Assert.Empty(limiter.TakeDropped(TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void TryAcquire_TwoInstances_HaveSeparateBuckets()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new InstanceRateLimiter(linesPerSecond: 5, burst: 5, clock);

        var zero = Enumerable.Range(0, 8).Count(_ => limiter.TryAcquire(Instance0));
        var one = Enumerable.Range(0, 3).Count(_ => limiter.TryAcquire(Instance1));

        Assert.Equal(5, zero);
        Assert.Equal(3, one);
        Assert.Equal(3, Assert.Single(limiter.TakeDropped(TimeSpan.FromMinutes(10))).Count);
    }

    [Fact]
    public void TryAcquire_LongIdle_RefillsOnlyUpToBurst()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new InstanceRateLimiter(linesPerSecond: 100, burst: 20, clock);
        limiter.TryAcquire(Instance0);

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(20, Enumerable.Range(0, 50).Count(_ => limiter.TryAcquire(Instance0)));
    }

    [Fact]
    public void TryAcquire_ZeroRate_NeverLimits()
    {
        var limiter = new InstanceRateLimiter(linesPerSecond: 0, burst: 0, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        Assert.Equal(10_000, Enumerable.Range(0, 10_000).Count(_ => limiter.TryAcquire(Instance0)));
        Assert.Empty(limiter.TakeDropped(TimeSpan.Zero));
    }
}
