using MiniPaas.Cli.Units;

namespace MiniPaas.Cli.Tests.Units;

public sealed class MegabyteSizeTests
{
    [Theory]
    [InlineData("64M", 64)]
    [InlineData("64MB", 64)]
    [InlineData("512m", 512)]
    [InlineData(" 256mb ", 256)]
    [InlineData("1G", 1024)]
    [InlineData("2gb", 2048)]
    [InlineData("1T", 1024 * 1024)]
    public void TryParse_ValidSize_ReturnsMegabytes(string text, long expected)
    {
        Assert.True(MegabyteSize.TryParse(text, out var megabytes));
        Assert.Equal(expected, megabytes);
    }

    [Theory]
    [InlineData("64Q")]
    [InlineData("64")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("M")]
    [InlineData("-1G")]
    [InlineData("0M")]
    [InlineData("1.5G")]
    [InlineData("G1")]
    [InlineData("99999999999999999999M")]
    [InlineData("9999999999999T")]
    public void TryParse_InvalidSize_ReturnsFalse(string? text)
    {
        Assert.False(MegabyteSize.TryParse(text, out _));
    }

    [Theory]
    [InlineData(64, "64M")]
    [InlineData(1024, "1G")]
    [InlineData(1536, "1536M")]
    [InlineData(4096, "4G")]
    [InlineData(0, "0M")]
    public void Format_Megabytes_UsesLargestWholeUnit(long megabytes, string expected)
    {
        Assert.Equal(expected, MegabyteSize.Format(megabytes));
    }
}
