using MiniPaas.Agent.Registration;

namespace MiniPaas.Agent.Tests.Registration;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Next_RepeatedFailures_GrowsExponentiallyUpToTheCap()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(5), new Random(42));

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.Next()).ToList();

        Assert.InRange(delays[0].TotalMilliseconds, 200, 240);
        Assert.InRange(delays[1].TotalMilliseconds, 400, 480);
        Assert.InRange(delays[2].TotalMilliseconds, 800, 960);
        Assert.All(delays, delay => Assert.True(delay <= TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromSeconds(5), delays[^1]);
    }

    [Fact]
    public void Reset_AfterFailures_StartsOverAtTheInitialDelay()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromSeconds(5), new Random(1));
        backoff.Next();
        backoff.Next();
        backoff.Next();

        backoff.Reset();

        Assert.InRange(backoff.Next().TotalMilliseconds, 200, 240);
    }
}
