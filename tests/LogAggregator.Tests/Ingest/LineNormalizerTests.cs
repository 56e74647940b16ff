using System.Text;
using MiniPaas.LogAggregator.Ingest;

namespace MiniPaas.LogAggregator.Tests.Ingest;

public sealed class LineNormalizerTests
{
    [Fact]
    public void Truncate_LineOverLimit_CutsAtLimitAndSaysHowManyBytesWereCut()
    {
        var normalizer = new LineNormalizer(maxLineBytes: 1000);

        var result = normalizer.Truncate(new string('a', 1500), out var truncated);

        Assert.True(truncated);
        Assert.Equal(new string('a', 1000) + " [truncated 500 bytes]", result);
    }

    [Fact]
    public void Truncate_MultiByteCharacters_NeverSplitsACharacter()
    {
        var normalizer = new LineNormalizer(maxLineBytes: 300);
        var message = string.Concat(Enumerable.Repeat("é😀", 100));

        var result = normalizer.Truncate(message, out var truncated);

        Assert.True(truncated);
        var kept = result[..result.IndexOf(" [truncated", StringComparison.Ordinal)];
        Assert.True(Encoding.UTF8.GetByteCount(kept) <= 300);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(kept)));
    }

    [Fact]
    public void Truncate_LineWithinLimit_ReturnsItUnchanged()
    {
        var normalizer = new LineNormalizer(maxLineBytes: 1000);
        var message = new string('b', 400);

        Assert.Same(message, normalizer.Truncate(message, out var truncated));
        Assert.False(truncated);
    }

    [Fact]
    public void CheckFields_OverLimit_NamesTheLimit()
    {
        var normalizer = new LineNormalizer(maxLineBytes: 256);

        var problem = normalizer.CheckFields([new("big", new string('f', 300))]);

        Assert.Contains("MaxLineBytes", problem, StringComparison.Ordinal);
    }
}
