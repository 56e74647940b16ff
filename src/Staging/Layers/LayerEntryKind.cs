namespace MiniPaas.Staging.Layers;

/// <summary>What a layer entry is; layers hold nothing else (no devices, no hard links).</summary>
internal enum LayerEntryKind
{
    Directory,
    File,
    Symlink,
}
