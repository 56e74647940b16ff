namespace MiniPaas.Rpc.Tests.Protocol;

public sealed class WireEncodingTests
{
    [Theory]
    [InlineData("2H", 2 * 3600 * 1000.0)]
    [InlineData("3M", 3 * 60 * 1000.0)]
    [InlineData("5S", 5000.0)]
    [InlineData("100m", 100.0)]
    [InlineData("2500u", 2.5)]
    [InlineData("99999999n", 99.999999)]
    [InlineData("1n", 0.0001)]
    public void GrpcTimeoutTryParse_EachUnit_Parses(string text, double expectedMilliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(text, out var timeout));
        Assert.Equal(expectedMilliseconds, timeout.TotalMilliseconds, precision: 4);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void GrpcTimeoutTryParse_Malformed_Fails(string text)
    {
        Assert.False(GrpcTimeout.TryParse(text, out _));
    }

    [Fact]
    public void GrpcTimeoutFormat_RoundTrips_WithAtMostEightDigits()
    {
        foreach (var timeout in new[] { TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(5), TimeSpan.FromDays(30), TimeSpan.FromTicks(1) })
        {
            var text = GrpcTimeout.Format(timeout);

            Assert.InRange(text.Length, 2, 9);
            Assert.True(GrpcTimeout.TryParse(text, out var parsed));
            Assert.True(parsed >= timeout, $"{text} parsed to {parsed}, shorter than {timeout}");
        }
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("ünï", "%C3%BCn%C3%AF")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void StatusMessageEncoding_Encode_PercentEncodesOutsidePrintableAscii(string message, string expected)
    {
        var encoded = StatusMessageEncoding.Encode(message);

        Assert.Equal(expected, encoded);
        Assert.Equal(message, StatusMessageEncoding.Decode(encoded));
    }

    [Fact]
    public void StatusMessageEncoding_DecodeMalformedEscape_KeepsText()
    {
        Assert.Equal("50%off %ZZ %4", StatusMessageEncoding.Decode("50%off %ZZ %4"));
    }
}
