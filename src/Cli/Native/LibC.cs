using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace MiniPaas.Cli.Native;

/// <summary>
/// The two libc calls .NET does not expose: sending a chosen signal (Process.Kill only sends
/// SIGKILL, and components deserve a SIGTERM first) and telling a regular file from a fifo or socket
/// (FileSystemInfo cannot, and opening a fifo to pack it would block forever).
/// </summary>
internal static partial class LibC
{
    /// <summary>SIGTERM: ask a process to shut down cleanly.</summary>
    public const int SigTerm = 15;

    /// <summary>SIGKILL: end a process that ignored SIGTERM past its deadline.</summary>
    public const int SigKill = 9;

    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;

    // struct statx has the same layout on every Linux architecture (unlike struct stat);
    // stx_mode is the u16 at byte 28 of the 256-byte struct.
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it failed (e.g. no such process).</summary>
    public static bool SendSignal(int pid, int signal) => Kill(pid, signal) == 0;

    /// <summary>The type of the file at <paramref name="path"/>, not following a final symlink.</summary>
    public static unsafe PosixFileKind GetFileKind(string path)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return PosixFileKind.Unknown;
        }

        var mode = BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(buffer + StatxModeOffset, 2));
        if (!BitConverter.IsLittleEndian)
        {
            mode = BinaryPrimitives.ReverseEndianness(mode);
        }

        return (mode & 0xF000) switch
        {
            0x8000 => PosixFileKind.Regular,
            0x4000 => PosixFileKind.Directory,
            0xA000 => PosixFileKind.SymbolicLink,
            0x1000 => PosixFileKind.Fifo,
            0xC000 => PosixFileKind.Socket,
            0x2000 => PosixFileKind.CharacterDevice,
            0x6000 => PosixFileKind.BlockDevice,
            _ => PosixFileKind.Unknown,
        };
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, uint mask, byte* buffer);
}
