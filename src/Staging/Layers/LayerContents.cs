namespace MiniPaas.Staging.Layers;

/// <summary>
/// The set of paths a layer will hold, keyed by path so a layer never lists a path twice.
/// Parents are added implicitly (root-owned, 0755) because a tar without directory entries
/// leaves their ownership to the engine's whim.
/// </summary>
internal sealed class LayerContents
{
    private readonly SortedDictionary<string, LayerEntry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    /// <summary>Entries sorted by path (ordinal), the order that makes the tar reproducible.</summary>
    public IEnumerable<LayerEntry> Entries => _entries.Values;

    public bool Contains(string path) => _entries.ContainsKey(NormalizePath(path));

    public void AddDirectory(string path, UnixFileMode mode = LayerEntry.DirectoryMode, int uid = 0, int gid = 0)
    {
        var normalized = NormalizePath(path);
        AddParents(normalized);
        _entries[normalized] = new LayerEntry(normalized, LayerEntryKind.Directory, mode, uid, gid);
    }

    public void AddFile(string path, string sourcePath, UnixFileMode mode, int uid = 0, int gid = 0)
    {
        var normalized = NormalizePath(path);
        AddParents(normalized);
        _entries[normalized] = new LayerEntry(normalized, LayerEntryKind.File, mode, uid, gid, SourcePath: sourcePath);
    }

    public void AddContent(string path, byte[] content, UnixFileMode mode = LayerEntry.ReadableMode, int uid = 0, int gid = 0)
    {
        var normalized = NormalizePath(path);
        AddParents(normalized);
        _entries[normalized] = new LayerEntry(normalized, LayerEntryKind.File, mode, uid, gid, Content: content);
    }

    public void AddSymlink(string path, string target, int uid = 0, int gid = 0)
    {
        var normalized = NormalizePath(path);
        AddParents(normalized);
        _entries[normalized] = new LayerEntry(normalized, LayerEntryKind.Symlink, LayerEntry.SymlinkMode, uid, gid, LinkTarget: target);
    }

    /// <summary>Adds every entry of <paramref name="other"/>; used to merge separately planned parts.</summary>
    public void AddRange(LayerContents other)
    {
        foreach (var entry in other.Entries)
        {
            if (!_entries.ContainsKey(entry.Path) || entry.Kind != LayerEntryKind.Directory)
            {
                _entries[entry.Path] = entry;
            }
        }
    }

    private void AddParents(string normalized)
    {
        var slash = normalized.LastIndexOf('/');
        while (slash > 0)
        {
            var parent = normalized[..slash];
            if (!_entries.ContainsKey(parent))
            {
                _entries[parent] = new LayerEntry(parent, LayerEntryKind.Directory, LayerEntry.DirectoryMode, 0, 0);
            }

            slash = parent.LastIndexOf('/');
        }
    }

    /// <summary>Layer paths are relative to the image root, without leading or trailing slashes.</summary>
    private static string NormalizePath(string path)
    {
        var trimmed = path.Trim('/');
        if (trimmed.Length == 0 || trimmed.Split('/').Any(part => part is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a valid path inside a layer.", nameof(path));
        }

        return trimmed;
    }
}
