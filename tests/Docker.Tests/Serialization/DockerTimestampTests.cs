using MiniPaas.Docker.Serialization;

namespace MiniPaas.Docker.Tests.Serialization;

public sealed class DockerTimestampTests
{
    [Theory]
    [InlineData("2024-05-01T10:20:30.123456789Z", 1234567)]
    [InlineData("2024-05-01T10:20:30.1Z", 1000000)]
    [InlineData("2024-05-01T10:20:30Z", 0)]
    public void TryParse_EngineTimestamp_KeepsTickPrecision(string text, long fractionTicks)
    {
        Assert.True(DockerTimestamp.TryParse(text, out var value));

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.Zero).AddTicks(fractionTicks), value);
    }

    [Fact]
    public void TryParse_OffsetTimestamp_ConvertsToUtc()
    {
        Assert.True(DockerTimestamp.TryParse("2024-05-01T12:20:30.5+02:00", out var value));

        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 20, 30, 500, TimeSpan.Zero), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a time")]
    public void TryParse_Garbage_ReturnsFalse(string text)
    {
        Assert.False(DockerTimestamp.TryParse(text, out _));
    }

    [Fact]
    public void ToUnixSecondsText_PointInTime_WritesSecondsAndNanoseconds()
    {
        var value = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(1234567);

        Assert.Equal("1700000000.123456700", DockerTimestamp.ToUnixSecondsText(value));
    }
}
