namespace MiniPaas.Staging.Layers;

/// <summary>
/// One path in a layer, with the ownership and mode it gets in the image. A file's bytes come
/// either from a host file (<see cref="SourcePath"/>) or from memory (<see cref="Content"/>).
/// </summary>
internal sealed record LayerEntry(
    string Path,
    LayerEntryKind Kind,
    UnixFileMode Mode,
    int Uid,
    int Gid,
    string? SourcePath = null,
    byte[]? Content = null,
    string? LinkTarget = null)
{
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;
    public const UnixFileMode ExecutableMode = (UnixFileMode)0b111_101_101;
    public const UnixFileMode ReadableMode = (UnixFileMode)0b110_100_100;
    public const UnixFileMode SymlinkMode = (UnixFileMode)0b111_111_111;
}
