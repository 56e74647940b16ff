using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Store;

/// <summary>
/// RecordCodec turns a line into one framed record and back. Payload: u64 sequence, i64 UTC ticks,
/// u8 stream, then length-prefixed UTF-8 strings (source type, source instance, message) and the
/// fields as a count followed by key/value strings. Lengths are LEB128 varints.
/// </summary>
internal static class RecordCodec
{
    // Encoding replaces lone surrogates (JSON input can carry them); decoding is strict so damage is noticed.
    private static readonly Encoding Utf8 = Encoding.UTF8;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Appends the framed record of <paramref name="line"/> (its sequence already set) to <paramref name="output"/>.</summary>
    public static int Encode(LogLine line, ArrayBufferWriter<byte> output)
    {
        var payloadBytes = 8 + 8 + 1
            + StringSize(line.SourceType)
            + StringSize(line.SourceInstance)
            + StringSize(line.Message)
            + VarIntSize((uint)line.Fields.Count);
        foreach (var (key, value) in line.Fields)
        {
            payloadBytes += StringSize(key) + StringSize(value);
        }

        var span = output.GetSpan(SegmentFormat.FrameBytes + payloadBytes);
        var payload = span.Slice(SegmentFormat.FrameBytes, payloadBytes);
        BinaryPrimitives.WriteUInt64LittleEndian(payload, line.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(payload[8..], line.Timestamp.UtcTicks);
        payload[16] = (byte)line.Stream;
        var position = 17;
        position += WriteString(payload[position..], line.SourceType);
        position += WriteString(payload[position..], line.SourceInstance);
        position += WriteString(payload[position..], line.Message);
        position += WriteVarInt(payload[position..], (uint)line.Fields.Count);
        foreach (var (key, value) in line.Fields)
        {
            position += WriteString(payload[position..], key);
            position += WriteString(payload[position..], value);
        }

        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)payloadBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], Crc32C.Compute(payload));
        output.Advance(SegmentFormat.FrameBytes + payloadBytes);
        return SegmentFormat.FrameBytes + payloadBytes;
    }

    /// <summary>Decodes a payload whose checksum was verified; throws <see cref="InvalidDataException"/> when it does not parse.</summary>
    public static LogLine Decode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 17)
        {
            throw new InvalidDataException($"record payload of {payload.Length} bytes is shorter than its fixed part");
        }

        var sequence = BinaryPrimitives.ReadUInt64LittleEndian(payload);
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(payload[8..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new InvalidDataException($"record {sequence} has an impossible timestamp");
        }

        var stream = (LineStream)payload[16];
        if (stream is not (LineStream.Out or LineStream.Err))
        {
            throw new InvalidDataException($"record {sequence} has unknown stream {(byte)stream}");
        }

        var position = 17;
        var sourceType = Intern(ReadString(payload, ref position));
        var sourceInstance = ReadString(payload, ref position);
        var message = ReadString(payload, ref position);
        var fieldCount = ReadVarInt(payload, ref position);
        Dictionary<string, string>? fields = null;
        if (fieldCount > 0)
        {
            if (fieldCount > payload.Length)
            {
                throw new InvalidDataException($"record {sequence} claims {fieldCount} fields");
            }

            fields = new Dictionary<string, string>((int)fieldCount, StringComparer.Ordinal);
            for (var i = 0; i < fieldCount; i++)
            {
                var key = ReadString(payload, ref position);
                fields[key] = ReadString(payload, ref position);
            }
        }

        if (position != payload.Length)
        {
            throw new InvalidDataException($"record {sequence} has {payload.Length - position} unexpected trailing bytes");
        }

        return new LogLine(new DateTimeOffset(ticks, TimeSpan.Zero), sourceType, sourceInstance, stream, message, fields) { Sequence = sequence };
    }

    private static string Intern(string sourceType) => sourceType switch
    {
        "APP" => "APP",
        "RTR" => "RTR",
        "API" => "API",
        "CELL" => "CELL",
        "STG" => "STG",
        "LGR" => "LGR",
        _ => sourceType,
    };

    private static int StringSize(string value)
    {
        var bytes = Utf8.GetByteCount(value);
        return VarIntSize((uint)bytes) + bytes;
    }

    private static int WriteString(Span<byte> destination, string value)
    {
        var bytes = Utf8.GetByteCount(value);
        var prefix = WriteVarInt(destination, (uint)bytes);
        Utf8.GetBytes(value, destination[prefix..]);
        return prefix + bytes;
    }

    private static string ReadString(ReadOnlySpan<byte> payload, ref int position)
    {
        var length = ReadVarInt(payload, ref position);
        if (length > payload.Length - position)
        {
            throw new InvalidDataException($"string of {length} bytes runs past the end of its record");
        }

        try
        {
            var value = length == 0 ? "" : StrictUtf8.GetString(payload.Slice(position, (int)length));
            position += (int)length;
            return value;
        }
        catch (DecoderFallbackException error)
        {
            throw new InvalidDataException("record holds invalid UTF-8", error);
        }
    }

    private static int VarIntSize(uint value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private static int WriteVarInt(Span<byte> destination, uint value)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    private static uint ReadVarInt(ReadOnlySpan<byte> payload, ref int position)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            if (position >= payload.Length)
            {
                throw new InvalidDataException("varint runs past the end of its record");
            }

            var b = payload[position++];
            value |= (uint)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("varint longer than 5 bytes");
    }
}
