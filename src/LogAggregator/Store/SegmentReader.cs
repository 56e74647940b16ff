using System.Buffers;
using System.Buffers.Binary;
using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Store;

/// <summary>
/// SegmentReader reads records of one segment file front to back, up to a byte limit (the length
/// known to hold whole records), checking each record's checksum. It never writes.
/// </summary>
internal sealed class SegmentReader : IDisposable
{
    private readonly FileStream _file;
    private readonly long _limit;
    private readonly byte[] _frame = new byte[SegmentFormat.FrameBytes];
    private byte[] _payload = ArrayPool<byte>.Shared.Rent(4096);

    private SegmentReader(FileStream file, long limit)
    {
        _file = file;
        _limit = limit;
        Position = SegmentFormat.HeaderBytes;
    }

    /// <summary>End of the last record read successfully (the header's end before any).</summary>
    public long Position { get; private set; }

    /// <summary>Why the last <see cref="Next"/> returned what it did, for log messages.</summary>
    public string? Problem { get; private set; }

    /// <summary>Opens <paramref name="path"/> for reading up to <paramref name="limit"/> bytes (the file length when null), skipping the header.</summary>
    public static SegmentReader Open(string path, long? limit = null)
    {
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.ReadWrite | FileShare.Delete,
            BufferSize = 64 * 1024,
            Options = FileOptions.SequentialScan,
        });
        try
        {
            var length = limit ?? file.Length;
            file.Position = SegmentFormat.HeaderBytes;
            return new SegmentReader(file, length);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next record; <paramref name="line"/> is set only for <see cref="SegmentReadStatus.Record"/>.</summary>
    public SegmentReadStatus Next(out LogLine? line)
    {
        line = null;
        var remaining = _limit - Position;
        if (remaining <= 0)
        {
            return SegmentReadStatus.End;
        }

        if (remaining < SegmentFormat.FrameBytes || _file.ReadAtLeast(_frame, SegmentFormat.FrameBytes, throwOnEndOfStream: false) < SegmentFormat.FrameBytes)
        {
            Problem = $"record header cut short at offset {Position}";
            return SegmentReadStatus.Torn;
        }

        var length = BinaryPrimitives.ReadUInt32LittleEndian(_frame);
        var checksum = BinaryPrimitives.ReadUInt32LittleEndian(_frame.AsSpan(4));
        if (length == 0 || length > SegmentFormat.MaxPayloadBytes)
        {
            Problem = $"record at offset {Position} claims {length} bytes";

            // A length that runs past the end is what a torn write leaves when the tail is zeros or garbage.
            return Position + SegmentFormat.FrameBytes + length > _limit ? SegmentReadStatus.Torn : SegmentReadStatus.Corrupt;
        }

        if (Position + SegmentFormat.FrameBytes + length > _limit)
        {
            Problem = $"record at offset {Position} of {length} bytes runs past the end ({_limit})";
            return SegmentReadStatus.Torn;
        }

        if (_payload.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_payload);
            _payload = ArrayPool<byte>.Shared.Rent((int)length);
        }

        var payload = _payload.AsSpan(0, (int)length);
        if (_file.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false) < payload.Length)
        {
            Problem = $"record at offset {Position} cut short";
            return SegmentReadStatus.Torn;
        }

        if (Crc32C.Compute(payload) != checksum)
        {
            Problem = $"checksum mismatch in record at offset {Position}";
            return SegmentReadStatus.Corrupt;
        }

        try
        {
            line = RecordCodec.Decode(payload);
        }
        catch (InvalidDataException error)
        {
            Problem = $"record at offset {Position} does not parse: {error.Message}";
            return SegmentReadStatus.Corrupt;
        }

        Position += SegmentFormat.FrameBytes + length;
        return SegmentReadStatus.Record;
    }

    public void Dispose()
    {
        _file.Dispose();
        ArrayPool<byte>.Shared.Return(_payload);
    }
}
