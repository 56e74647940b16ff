using System.Buffers;
using System.Text;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Store;

namespace MiniPaas.LogAggregator.Tests.Store;

public sealed class RecordCodecTests
{
    [Fact]
    public void Crc32C_KnownVector_MatchesStandardCheckValue()
    {
        // The CRC-32C check value of "123456789" (RFC 3720 appendix B.4 / the Castagnoli catalogue).
        var data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xE3069283u, Crc32C.Compute(data));
        Assert.Equal(0xE3069283u, Crc32C.ComputeWithTable(data));
    }

    [Fact]
    public void Encode_ThenDecode_RoundTripsEveryField()
    {
        var line = new LogLine(DateTimeOffset.Parse("2026-11-22T01:02:03.4567891Z", System.Globalization.CultureInfo.InvariantCulture), "CELL", "node-1", LineStream.Err, "crashed: exit code 137\nsecond line",
            new Dictionary<string, string> { ["exit_code"] = "137", ["empty"] = "" })
        { Sequence = 42 };
        var output = new ArrayBufferWriter<byte>();

        var size = RecordCodec.Encode(line, output);
        var decoded = RecordCodec.Decode(output.WrittenSpan[SegmentFormat.FrameBytes..]);

        Assert.Equal(output.WrittenCount, size);
        Assert.Equal(42UL, decoded.Sequence);
        Assert.Equal(line.Timestamp, decoded.Timestamp);
        Assert.Equal("CELL", decoded.SourceType);
        Assert.Equal("node-1", decoded.SourceInstance);
        Assert.Equal(LineStream.Err, decoded.Stream);
        Assert.Equal(line.Message, decoded.Message);
        Assert.Equal(line.Fields, decoded.Fields);
    }

    [Fact]
    public void Decode_TrailingGarbage_ThrowsInvalidData()
    {
        var output = new ArrayBufferWriter<byte>();
        RecordCodec.Encode(new LogLine(DateTimeOffset.UnixEpoch, "APP", "0", LineStream.Out, "x") { Sequence = 1 }, output);
        var payload = output.WrittenSpan[SegmentFormat.FrameBytes..].ToArray().Concat(new byte[] { 1, 2 }).ToArray();

        Assert.Throws<InvalidDataException>(() => RecordCodec.Decode(payload));
    }
}
