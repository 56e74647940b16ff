using System.Buffers.Binary;
using System.Text;
using MiniPaas.Docker.Logs;

namespace MiniPaas.Docker.Tests.Logs;

public sealed class LogFrameDecoderTests
{
    private const byte Stdout = 1;
    private const byte Stderr = 2;
    private const byte SystemError = 3;

    [Fact]
    public void Decode_FramesSplitAtEveryByteBoundary_YieldsSameLines()
    {
        var euro = Encoding.UTF8.GetBytes("€");
        var stream = Concat(
            Frame(Stdout, "out1\nout2 par"),
            Frame(Stderr, "err1\n"),
            Frame(Stdout, "tial\n"),
            Frame(Stderr, string.Empty),
            Frame(Stdout, [.. "x"u8, euro[0], euro[1]]),
            Frame(Stdout, [euro[2], .. "\n"u8]),
            Frame(Stdout, "last without newline"));
        LogLine[] expected =
        [
            new(LogStream.Stdout, "out1"),
            new(LogStream.Stderr, "err1"),
            new(LogStream.Stdout, "out2 partial"),
            new(LogStream.Stdout, "x€"),
            new(LogStream.Stdout, "last without newline"),
        ];

        for (var split = 0; split <= stream.Length; split++)
        {
            var lines = DecodeInPieces(stream, timestamps: false, split);
            Assert.True(expected.SequenceEqual(lines), $"split at byte {split} gave [{string.Join(" | ", lines)}]");
        }

        for (var first = 0; first <= stream.Length; first++)
        {
            for (var second = first; second <= stream.Length; second++)
            {
                var lines = DecodeInPieces(stream, timestamps: false, first, second);
                Assert.True(expected.SequenceEqual(lines), $"splits at bytes {first} and {second} gave [{string.Join(" | ", lines)}]");
            }
        }

        Assert.Equal(expected, DecodeInPieces(stream, timestamps: false, Enumerable.Range(1, stream.Length - 1).ToArray()));
    }

    [Fact]
    public void Decode_TimestampedFramesSplitAtEveryByteBoundary_ParsesNanosecondTimestamps()
    {
        var stream = Concat(
            Frame(Stdout, "2024-05-01T10:20:30.123456789Z hello\n"),
            Frame(Stderr, "2024-05-01T10:20:31.000000001Z oops\n"),
            Frame(Stdout, "2024-05-01T10:20:32.5Z part-"),
            Frame(Stdout, "2024-05-01T10:20:33Z two\n"));
        LogLine[] expected =
        [
            new(LogStream.Stdout, "hello", new DateTimeOffset(2024, 5, 1, 10, 20, 30, TimeSpan.Zero).AddTicks(1234567)),
            new(LogStream.Stderr, "oops", new DateTimeOffset(2024, 5, 1, 10, 20, 31, TimeSpan.Zero)),
            // A line continued over two messages keeps the time of its first message.
            new(LogStream.Stdout, "part-two", new DateTimeOffset(2024, 5, 1, 10, 20, 32, 500, TimeSpan.Zero)),
        ];

        for (var split = 0; split <= stream.Length; split++)
        {
            Assert.Equal(expected, DecodeInPieces(stream, timestamps: true, split));
        }
    }

    [Fact]
    public void Decode_EmptyLines_ArePreserved()
    {
        var lines = DecodeInPieces(Frame(Stdout, "a\n\nb\n\n"), timestamps: false);

        Assert.Equal(["a", string.Empty, "b", string.Empty], lines.Select(line => line.Text));
    }

    [Fact]
    public void Complete_PartialLinesOnBothStreams_DeliversThemInTheOrderTheyBegan()
    {
        var lines = DecodeInPieces(Concat(Frame(Stderr, "first"), Frame(Stdout, "second")), timestamps: false);

        Assert.Equal([new LogLine(LogStream.Stderr, "first"), new LogLine(LogStream.Stdout, "second")], lines);
    }

    [Fact]
    public void Decode_LineLongerThanLimit_IsDeliveredInPieces()
    {
        var text = new string('x', LogFrameDecoder.MaxLineBytes + 10);

        var lines = DecodeInPieces(Frame(Stdout, text + "\n"), timestamps: false);

        Assert.Equal([LogFrameDecoder.MaxLineBytes, 10], lines.Select(line => line.Text.Length));
    }

    [Fact]
    public void Decode_SystemErrorFrame_ThrowsDockerApiExceptionWithEngineMessage()
    {
        var decoder = new LogFrameDecoder(timestamps: false);

        var error = Assert.Throws<DockerApiException>(() => decoder.Decode(Frame(SystemError, "error from daemon in stream: log file gone\n"), []));

        Assert.Equal("error from daemon in stream: log file gone", error.Message);
    }

    [Fact]
    public void Decode_RawTtyOutput_ThrowsInvalidDataExceptionMentioningTty()
    {
        var decoder = new LogFrameDecoder(timestamps: false);

        var error = Assert.Throws<InvalidDataException>(() => decoder.Decode("hello world\n"u8, []));

        Assert.Contains("TTY", error.Message);
    }

    [Fact]
    public void Complete_StreamCutInsideFrame_ThrowsInvalidDataException()
    {
        var frame = Frame(Stdout, "complete line\n");
        var decoder = new LogFrameDecoder(timestamps: false);
        decoder.Decode(frame.AsSpan(0, frame.Length - 3), []);

        var error = Assert.Throws<InvalidDataException>(() => decoder.Complete([]));

        Assert.Contains("inside a frame", error.Message);
    }

    [Fact]
    public void Complete_StreamCutInsideHeader_ThrowsInvalidDataException()
    {
        var decoder = new LogFrameDecoder(timestamps: false);
        decoder.Decode(Frame(Stdout, "x").AsSpan(0, 5), []);

        var error = Assert.Throws<InvalidDataException>(() => decoder.Complete([]));

        Assert.Contains("5 of 8", error.Message);
    }

    private static List<LogLine> DecodeInPieces(byte[] stream, bool timestamps, params int[] splitPoints)
    {
        var decoder = new LogFrameDecoder(timestamps);
        var lines = new List<LogLine>();
        var start = 0;
        foreach (var split in splitPoints.Append(stream.Length))
        {
            decoder.Decode(stream.AsSpan(start, split - start), lines);
            start = split;
        }

        decoder.Complete(lines);
        return lines;
    }

    private static byte[] Frame(byte streamType, string payload) => Frame(streamType, Encoding.UTF8.GetBytes(payload));

    private static byte[] Frame(byte streamType, byte[] payload)
    {
        var frame = new byte[8 + payload.Length];
        frame[0] = streamType;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(part => part).ToArray();
}
