using MiniPaas.Router.AccessLog;

namespace MiniPaas.Router.Tests.Units;

public sealed class RequestIdsTests
{
    [Theory]
    [InlineData("abc-123", true)]
    [InlineData("0HN4:00000001", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("quote\"d", false)]
    [InlineData("new\nline", false)]
    [InlineData("ünïcode", false)]
    public void IsAcceptable_Value_AllowsOnlyVisibleAscii(string value, bool expected)
    {
        Assert.Equal(expected, RequestIds.IsAcceptable(value));
    }

    [Fact]
    public void FromIncoming_TooLongOrMissing_MakesAFreshRandomId()
    {
        var a = RequestIds.FromIncoming(new string('x', 129));
        var b = RequestIds.FromIncoming(null);

        Assert.Matches("^[0-9a-f]{32}$", a);
        Assert.Matches("^[0-9a-f]{32}$", b);
        Assert.NotEqual(a, b);
        Assert.Equal("keep-me", RequestIds.FromIncoming("keep-me"));
    }
}
