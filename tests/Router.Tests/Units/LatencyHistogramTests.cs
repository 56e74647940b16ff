using MiniPaas.Router.Metrics;

namespace MiniPaas.Router.Tests.Units;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Observe_ValuesAroundBounds_LandInInclusiveBucketsCumulatively()
    {
        var histogram = new LatencyHistogram([0.01, 0.1, 1]);

        foreach (var seconds in new[] { 0.005, 0.01, 0.011, 0.1, 0.5, 2, 30 })
        {
            histogram.Observe(seconds);
        }

        var snapshot = histogram.Snapshot();
        // le=0.01: 0.005, 0.01; le=0.1: + 0.011, 0.1; le=1: + 0.5; +Inf: + 2, 30
        Assert.Equal([2L, 4L, 5L, 7L], snapshot.CumulativeCounts);
        Assert.Equal(7, snapshot.Count);
        Assert.Equal(0.005 + 0.01 + 0.011 + 0.1 + 0.5 + 2 + 30, snapshot.Sum, precision: 9);
    }

    [Fact]
    public void Observe_NegativeOrNaN_CountsAsZero()
    {
        var histogram = new LatencyHistogram([0.01]);

        histogram.Observe(-1);
        histogram.Observe(double.NaN);

        var snapshot = histogram.Snapshot();
        Assert.Equal([2L, 2L], snapshot.CumulativeCounts);
        Assert.Equal(0, snapshot.Sum);
    }

    [Fact]
    public async Task Observe_FromManyThreads_LosesNothing()
    {
        var histogram = new LatencyHistogram();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                histogram.Observe(0.002);
            }
        })));

        var snapshot = histogram.Snapshot();
        Assert.Equal(80_000, snapshot.Count);
        Assert.Equal(160, snapshot.Sum, precision: 6);
        Assert.Equal(0, snapshot.CumulativeCounts[0]);
        Assert.Equal(80_000, snapshot.CumulativeCounts[1]);
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0.1, 0.1 })]
    [InlineData(new[] { 1.0, 0.5 })]
    [InlineData(new[] { -1.0 })]
    public void Constructor_BadBounds_Throws(double[] bounds)
    {
        Assert.Throws<ArgumentException>(() => new LatencyHistogram(bounds));
    }
}
