using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Text;
using MiniPaas.Docker.Serialization;

namespace MiniPaas.Docker.Logs;

/// <summary>
/// Turns the engine's multiplexed log stream into lines. Each frame is an 8-byte header
/// (stream type, three zero bytes, big-endian payload length) followed by the payload. Bytes may
/// arrive split anywhere, so the decoder keeps the partial header/frame between calls, and the
/// partial line of each stream separately because stdout and stderr frames interleave.
/// </summary>
internal sealed class LogFrameDecoder
{
    /// <summary>A line longer than this is delivered in pieces rather than buffered without bound.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    /// <summary>Sanity bound: the engine writes one frame per log message (≤ 16 KiB for json-file); a larger length means the bytes are not frames.</summary>
    public const int MaxFrameBytes = 64 * 1024 * 1024;

    private const int HeaderLength = 8;
    private const byte StdinType = 0;
    private const byte StdoutType = 1;
    private const byte StderrType = 2;
    private const byte SystemErrorType = 3;

    // "2006-01-02T15:04:05.999999999Z07:00" is at most 35 characters; allow a little slack.
    private const int MaxTimestampLength = 40;

    private readonly bool timestamps;
    private readonly byte[] header = new byte[HeaderLength];
    private readonly PendingLine stdout = new(LogStream.Stdout);
    private readonly PendingLine stderr = new(LogStream.Stderr);
    private int headerFilled;
    private byte[] frame = new byte[16 * 1024];
    private int frameLength = -1;
    private int frameFilled;
    private byte frameType;
    private long nextLineOrder;

    public LogFrameDecoder(bool timestamps)
    {
        this.timestamps = timestamps;
    }

    /// <summary>Consumes <paramref name="data"/> and appends every line it completes to <paramref name="output"/>.</summary>
    public void Decode(ReadOnlySpan<byte> data, ICollection<LogLine> output)
    {
        while (!data.IsEmpty)
        {
            if (frameLength < 0)
            {
                var headerBytes = Math.Min(HeaderLength - headerFilled, data.Length);
                data[..headerBytes].CopyTo(header.AsSpan(headerFilled));
                headerFilled += headerBytes;
                data = data[headerBytes..];
                if (headerFilled < HeaderLength)
                {
                    return;
                }

                headerFilled = 0;
                StartFrame(output);
                continue;
            }

            var payloadBytes = Math.Min(frameLength - frameFilled, data.Length);
            data[..payloadBytes].CopyTo(frame.AsSpan(frameFilled));
            frameFilled += payloadBytes;
            data = data[payloadBytes..];
            if (frameFilled == frameLength)
            {
                FinishFrame(output);
            }
        }
    }

    /// <summary>
    /// Call when the stream ended: delivers the lines still missing their newline (in the order
    /// they began) and fails if the stream stopped inside a frame.
    /// </summary>
    public void Complete(ICollection<LogLine> output)
    {
        if (headerFilled > 0)
        {
            throw new InvalidDataException($"The log stream ended inside a frame header ({headerFilled} of {HeaderLength} bytes).");
        }

        if (frameLength >= 0)
        {
            throw new InvalidDataException($"The log stream ended inside a frame ({frameFilled} of {frameLength} payload bytes).");
        }

        foreach (var pending in stdout.Order <= stderr.Order ? new[] { stdout, stderr } : [stderr, stdout])
        {
            if (pending.HasBytes)
            {
                output.Add(pending.Take());
            }
        }
    }

    private void StartFrame(ICollection<LogLine> output)
    {
        frameType = header[0];
        if (frameType > SystemErrorType || header[1] != 0 || header[2] != 0 || header[3] != 0)
        {
            throw new InvalidDataException(
                $"The log stream is not multiplexed (frame header {Convert.ToHexString(header)}). " +
                "Containers created with a TTY send raw output, which this client does not read.");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
        if (length > MaxFrameBytes)
        {
            throw new InvalidDataException($"A log frame announces {length} bytes, more than the {MaxFrameBytes} this client accepts; the stream is probably not multiplexed.");
        }

        frameLength = (int)length;
        frameFilled = 0;
        if (frame.Length < frameLength)
        {
            frame = new byte[Math.Max(frameLength, frame.Length * 2)];
        }

        if (frameLength == 0)
        {
            FinishFrame(output);
        }
    }

    private void FinishFrame(ICollection<LogLine> output)
    {
        ReadOnlySpan<byte> payload = frame.AsSpan(0, frameLength);
        var type = frameType;
        frameLength = -1;
        frameFilled = 0;

        if (type == SystemErrorType)
        {
            // The engine reports a failure while streaming (e.g. unreadable log file) this way.
            throw new DockerApiException(HttpStatusCode.OK, Encoding.UTF8.GetString(payload).Trim());
        }

        var pending = type == StderrType ? stderr : stdout;
        DateTimeOffset? timestamp = null;
        if (timestamps)
        {
            // With timestamps the engine prefixes every message (= every frame) with "<RFC3339Nano> ".
            payload = StripTimestamp(payload, out timestamp);
        }

        while (true)
        {
            var newline = payload.IndexOf((byte)'\n');
            var segment = newline < 0 ? payload : payload[..newline];
            AppendBounded(pending, segment, timestamp, output);
            if (newline < 0)
            {
                return;
            }

            output.Add(pending.Take());
            payload = payload[(newline + 1)..];
            if (payload.IsEmpty)
            {
                return;
            }
        }
    }

    private void AppendBounded(PendingLine pending, ReadOnlySpan<byte> segment, DateTimeOffset? timestamp, ICollection<LogLine> output)
    {
        while (pending.Length + segment.Length > MaxLineBytes)
        {
            var room = MaxLineBytes - pending.Length;
            pending.Append(segment[..room], timestamp, ref nextLineOrder);
            segment = segment[room..];
            output.Add(pending.Take());
        }

        pending.Append(segment, timestamp, ref nextLineOrder);
    }

    private static ReadOnlySpan<byte> StripTimestamp(ReadOnlySpan<byte> payload, out DateTimeOffset? timestamp)
    {
        timestamp = null;
        var searchLength = Math.Min(payload.Length, MaxTimestampLength);
        var space = payload[..searchLength].IndexOf((byte)' ');
        if (space <= 0)
        {
            return payload;
        }

        Span<char> text = stackalloc char[space];
        for (var i = 0; i < space; i++)
        {
            text[i] = (char)payload[i];
        }

        if (!DockerTimestamp.TryParse(text, out var parsed))
        {
            return payload;
        }

        timestamp = parsed;
        return payload[(space + 1)..];
    }

    /// <summary>The bytes of one stream's line that has not seen its newline yet.</summary>
    private sealed class PendingLine
    {
        private readonly LogStream stream;
        private readonly ArrayBufferWriter<byte> bytes = new();
        private DateTimeOffset? timestamp;
        private bool started;

        public PendingLine(LogStream stream)
        {
            this.stream = stream;
        }

        /// <summary>When the pending line began, relative to the other stream's (for end-of-stream ordering).</summary>
        public long Order { get; private set; } = long.MaxValue;

        public int Length => bytes.WrittenCount;

        public bool HasBytes => bytes.WrittenCount > 0;

        public void Append(ReadOnlySpan<byte> segment, DateTimeOffset? segmentTimestamp, ref long nextOrder)
        {
            if (!started)
            {
                started = true;
                timestamp = segmentTimestamp;
                Order = nextOrder++;
            }

            bytes.Write(segment);
        }

        public LogLine Take()
        {
            var line = new LogLine(stream, Encoding.UTF8.GetString(bytes.WrittenSpan), timestamp);
            bytes.ResetWrittenCount();
            timestamp = null;
            started = false;
            Order = long.MaxValue;
            return line;
        }
    }
}
