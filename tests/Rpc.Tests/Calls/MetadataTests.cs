namespace MiniPaas.Rpc.Tests.Calls;

public sealed class MetadataTests
{
    [Fact]
    public void Add_UppercaseKey_StoredLowercase()
    {
        var metadata = new Metadata().Add("X-Request-Id", "42");

        Assert.Equal("x-request-id", metadata[0].Key);
        Assert.Equal("42", metadata.GetValue("X-REQUEST-ID"));
    }

    [Fact]
    public void Add_TextValueOnBinaryKey_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new Metadata().Add("trace-bin", "text"));

        Assert.Contains("trace-bin", error.Message);
    }

    [Fact]
    public void Add_BytesOnTextKey_ThrowsAskingForBinSuffix()
    {
        var error = Assert.Throws<ArgumentException>(() => new Metadata().Add("trace", [1, 2]));

        Assert.Contains("-bin", error.Message);
    }

    [Theory]
    [InlineData("grpc-status")]
    [InlineData("bad key")]
    [InlineData("semi;colon")]
    [InlineData(":path")]
    public void Add_InvalidOrReservedKey_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => new Metadata().Add(key, "v"));
    }

    [Fact]
    public void Add_NonAsciiText_ThrowsSuggestingBinaryKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new Metadata().Add("name", "zoë"));

        Assert.Contains("-bin", error.Message);
    }

    [Fact]
    public void GetAll_RepeatedKey_KeepsOrder()
    {
        var metadata = new Metadata().Add("k", "1").Add("other", "x").Add("k", "2");

        Assert.Equal(["1", "2"], metadata.GetAll("k").Select(e => e.Value));
        Assert.Equal(1, metadata.RemoveAll("other"));
        Assert.Equal(2, metadata.Count);
    }

    [Fact]
    public void ValueBytes_OnTextEntry_ThrowsExplaining()
    {
        var entry = new Metadata().Add("k", "v")[0];

        Assert.False(entry.IsBinary);
        Assert.Throws<InvalidOperationException>(() => entry.ValueBytes);
    }

    [Fact]
    public void AddReceived_UnpaddedAndCommaJoinedBase64_DecodesEachValue()
    {
        var metadata = new Metadata();

        metadata.AddReceived("data-bin", "AQ, AgM=");

        Assert.Equal([new byte[] { 1 }, new byte[] { 2, 3 }], metadata.GetAll("data-bin").Select(e => e.ValueBytes));
    }
}
