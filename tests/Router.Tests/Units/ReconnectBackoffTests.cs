using MiniPaas.Router.Discovery;

namespace MiniPaas.Router.Tests.Units;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Next_RepeatedFailures_DoublesUpToTheCapWithBoundedJitter()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new Random(1234));

        var delays = Enumerable.Range(0, 8).Select(_ => backoff.Next().TotalMilliseconds).ToList();

        double[] bases = [100, 200, 400, 800, 1000, 1000, 1000, 1000];
        for (var i = 0; i < bases.Length; i++)
        {
            Assert.InRange(delays[i], bases[i] * 0.8, bases[i]);
        }
    }

    [Fact]
    public void Reset_AfterFailures_StartsFromTheInitialDelayAgain()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), new Random(1));
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalMilliseconds, 80, 100);
    }

    [Fact]
    public void Next_ManyFailures_NeverOverflowsPastTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(5));

        for (var i = 0; i < 200; i++)
        {
            Assert.InRange(backoff.Next(), TimeSpan.Zero, TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public void Constructor_MaxBelowInitial_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReconnectBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
    }
}
