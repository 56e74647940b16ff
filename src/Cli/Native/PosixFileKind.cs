namespace MiniPaas.Cli.Native;

/// <summary>The file types <c>statx</c> reports (the <c>S_IFMT</c> bits of the mode).</summary>
internal enum PosixFileKind
{
    Unknown,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
}
