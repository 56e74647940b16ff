using MiniPaas.Staging.Stacks;

namespace MiniPaas.Staging.Layers;

/// <summary>
/// Plans the app layer: the app's files under <c>/app</c>, owned by the non-root app user so
/// the app may write next to itself. Links are kept as links, never followed, so a link in the
/// app cannot pull host files into the image.
/// </summary>
internal static class AppLayerPlanner
{
    public const string AppRoot = "app";

    public static LayerContents Plan(string appDirectory, IReadOnlySet<string> forceExecutable, long maxBytes, int maxEntries)
    {
        var contents = new LayerContents();
        contents.AddDirectory(AppRoot, LayerEntry.DirectoryMode, ImageUsers.AppUid, ImageUsers.AppGid);
        long bytes = 0;
        AddDirectory(contents, new DirectoryInfo(appDirectory), AppRoot, "", forceExecutable, ref bytes, maxBytes, maxEntries);
        return contents;
    }

    private static void AddDirectory(
        LayerContents contents,
        DirectoryInfo directory,
        string imagePath,
        string relativePath,
        IReadOnlySet<string> forceExecutable,
        ref long bytes,
        long maxBytes,
        int maxEntries)
    {
        foreach (var info in directory.EnumerateFileSystemInfos().OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            var childImagePath = imagePath + "/" + info.Name;
            var childRelative = relativePath.Length == 0 ? info.Name : relativePath + "/" + info.Name;
            if (contents.Count >= maxEntries)
            {
                throw new StagingException($"The app holds more than {maxEntries} files and directories (StagingOptions.MaxAppEntries); '{childRelative}' is one too many.");
            }

            if (info.LinkTarget is not null)
            {
                contents.AddSymlink(childImagePath, info.LinkTarget, ImageUsers.AppUid, ImageUsers.AppGid);
            }
            else if (info is DirectoryInfo child)
            {
                contents.AddDirectory(childImagePath, LayerEntry.DirectoryMode, ImageUsers.AppUid, ImageUsers.AppGid);
                AddDirectory(contents, child, childImagePath, childRelative, forceExecutable, ref bytes, maxBytes, maxEntries);
            }
            else if (info is FileInfo file)
            {
                bytes += file.Length;
                if (bytes > maxBytes)
                {
                    throw new StagingException($"The app is larger than {maxBytes} bytes (StagingOptions.MaxAppBytes); '{childRelative}' takes it past the limit.");
                }

                var mode = forceExecutable.Contains(childRelative) ? LayerEntry.ExecutableMode : HostFiles.ModeOf(file.FullName);
                contents.AddFile(childImagePath, file.FullName, mode, ImageUsers.AppUid, ImageUsers.AppGid);
            }
        }
    }
}
