using System.Buffers.Binary;

namespace MiniPaas.Staging.Stacks;

/// <summary>
/// Reads just enough of an ELF header to tell a static binary from a dynamic one: the busybox
/// copied into images has no loader or libc next to it, so a dynamic build would fail at run time.
/// </summary>
internal static class ElfInspector
{
    private const uint ProgramHeaderInterpreter = 3;

    /// <summary>True if the file is an ELF executable that names a program interpreter (a dynamic loader).</summary>
    public static bool NeedsInterpreter(string path)
    {
        using var file = File.OpenRead(path);
        Span<byte> header = stackalloc byte[64];
        if (file.Read(header) < 52 || header[0] != 0x7f || header[1] != (byte)'E' || header[2] != (byte)'L' || header[3] != (byte)'F')
        {
            throw new StagingException($"'{path}' is not an ELF binary.");
        }

        var is64 = header[4] == 2;
        var little = header[5] == 1;
        ulong programHeaderOffset = is64 ? Read64(header[32..], little) : Read32(header[28..], little);
        int entrySize = Read16(is64 ? header[54..] : header[42..], little);
        int entryCount = Read16(is64 ? header[56..] : header[44..], little);

        Span<byte> entry = stackalloc byte[4];
        for (var i = 0; i < entryCount; i++)
        {
            file.Position = (long)programHeaderOffset + ((long)i * entrySize);
            if (file.Read(entry) < 4)
            {
                break;
            }

            if (Read32(entry, little) == ProgramHeaderInterpreter)
            {
                return true;
            }
        }

        return false;
    }

    private static ushort Read16(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes) : BinaryPrimitives.ReadUInt16BigEndian(bytes);

    private static uint Read32(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);

    private static ulong Read64(ReadOnlySpan<byte> bytes, bool little) =>
        little ? BinaryPrimitives.ReadUInt64LittleEndian(bytes) : BinaryPrimitives.ReadUInt64BigEndian(bytes);
}
