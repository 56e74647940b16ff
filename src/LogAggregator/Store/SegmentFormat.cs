using System.Buffers.Binary;
using System.Globalization;

namespace MiniPaas.LogAggregator.Store;

/// <summary>
/// SegmentFormat describes segment files: <c>{first sequence:D20}.seg</c> in the app's directory,
/// a 16-byte header (magic "MPLOGSEG", version, reserved), then records
/// <c>[u32 payload length][u32 CRC-32C of payload][payload]</c>, little-endian.
/// </summary>
internal static class SegmentFormat
{
    public const int HeaderBytes = 16;
    public const int FrameBytes = 8;
    public const int Version = 1;
    public const string Extension = ".seg";

    /// <summary>Sanity bound on one payload when reading: anything larger is damage, not a record.</summary>
    public const int MaxPayloadBytes = 16 * 1024 * 1024;

    private static ReadOnlySpan<byte> Magic => "MPLOGSEG"u8;

    public static string FileName(ulong firstSequence) => firstSequence.ToString("D20", CultureInfo.InvariantCulture) + Extension;

    public static bool TryParseFileName(string path, out ulong firstSequence)
    {
        firstSequence = 0;
        var name = Path.GetFileName(path);
        return name.EndsWith(Extension, StringComparison.Ordinal)
            && ulong.TryParse(name.AsSpan(0, name.Length - Extension.Length), NumberStyles.None, CultureInfo.InvariantCulture, out firstSequence)
            && firstSequence > 0;
    }

    public static void WriteHeader(Span<byte> destination)
    {
        Magic.CopyTo(destination);
        BinaryPrimitives.WriteInt32LittleEndian(destination[8..], Version);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], 0);
    }

    public static bool IsValidHeader(ReadOnlySpan<byte> header) =>
        header.Length >= HeaderBytes
        && header[..8].SequenceEqual(Magic)
        && BinaryPrimitives.ReadInt32LittleEndian(header[8..]) == Version;
}
