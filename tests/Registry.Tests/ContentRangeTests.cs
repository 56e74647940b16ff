using MiniPaas.Registry.Uploads;

namespace MiniPaas.Registry.Tests;

public sealed class ContentRangeTests
{
    [Theory]
    [InlineData("0-99", 0, 99)]
    [InlineData("100-100", 100, 100)]
    [InlineData("bytes 10-19/*", 10, 19)]
    [InlineData("bytes 10-19/20", 10, 19)]
    public void TryParse_Valid_ReturnsInclusiveRange(string header, long start, long end)
    {
        Assert.True(ContentRange.TryParse(header, out var range));
        Assert.Equal(new ContentRange(start, end), range);
        Assert.Equal(end - start + 1, range.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bogus")]
    [InlineData("0-x")]
    [InlineData("-5")]
    [InlineData("9-0")]
    [InlineData("bytes=0-9")]
    public void TryParse_Invalid_ReturnsFalse(string header)
    {
        Assert.False(ContentRange.TryParse(header, out _));
    }
}
