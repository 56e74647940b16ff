using System.Text;
using MiniPaas.Registry.Protocol;
using MiniPaas.Registry.Storage;

namespace MiniPaas.Registry.Tags;

/// <summary>
/// Immutable tags: one file per tag holding the digest. Files are only ever created (atomically, failing if the
/// name is taken), never rewritten, so a tag cannot move even under concurrent pushes.
/// </summary>
internal sealed class TagStore(RegistryPaths paths)
{
    public Digest? TryGet(string repository, string tag)
    {
        string text;
        try
        {
            text = File.ReadAllText(paths.TagPath(repository, tag), Encoding.UTF8);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        return Digest.TryParse(text.Trim(), out var digest)
            ? digest
            : throw new InvalidDataException($"tag file {paths.TagPath(repository, tag)} does not hold a digest");
    }

    public async Task<TagWriteResult> TryCreateAsync(string repository, string tag, Digest digest, CancellationToken cancellationToken)
    {
        var path = paths.TagPath(repository, tag);
        if (await AtomicFile.TryCreateAsync(path, Encoding.UTF8.GetBytes(digest.ToString()), paths.NewTempPath(), cancellationToken))
        {
            return new TagWriteResult(TagWriteOutcome.Created, digest);
        }

        var existing = TryGet(repository, tag) ?? throw new InvalidOperationException($"tag file {path} vanished while it was being created");
        return new TagWriteResult(existing == digest ? TagWriteOutcome.Unchanged : TagWriteOutcome.Conflict, existing);
    }

    /// <summary>All tags of the repository in ordinal order (the order pagination's <c>last</c> relies on).</summary>
    public IReadOnlyList<string> List(string repository)
    {
        var directory = paths.TagsDirectory(repository);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var tags = Directory.EnumerateFiles(directory).Select(Path.GetFileName).OfType<string>().Where(TagName.IsValid).ToList();
        tags.Sort(StringComparer.Ordinal);
        return tags;
    }

    public IReadOnlyList<string> TagsPointingTo(string repository, Digest digest) =>
        List(repository).Where(tag => TryGet(repository, tag) == digest).ToArray();

    public bool Delete(string repository, string tag)
    {
        var path = paths.TagPath(repository, tag);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
