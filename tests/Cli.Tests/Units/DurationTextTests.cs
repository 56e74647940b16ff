using MiniPaas.Cli.Units;

namespace MiniPaas.Cli.Tests.Units;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("30", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData(" 5S ", 5_000)]
    public void TryParse_ValidDuration_ReturnsIt(string text, int expectedMilliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), duration);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("0s")]
    [InlineData("-5s")]
    [InlineData("5h")]
    [InlineData("1.5s")]
    [InlineData("")]
    [InlineData("100000m")]
    public void TryParse_InvalidDuration_ReturnsFalse(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }
}
