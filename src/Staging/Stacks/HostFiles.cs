using MiniPaas.Staging.Layers;

namespace MiniPaas.Staging.Stacks;

/// <summary>Copies host files into a layer plan the way the host lays them out, links included.</summary>
internal static class HostFiles
{
    private const int MaxLinkHops = 40;

    /// <summary>
    /// Adds <paramref name="hostPath"/> at the same path in the image, resolving each component:
    /// every link met on the way (<c>/lib → usr/lib</c>, <c>libstdc++.so.6 → libstdc++.so.6.0.30</c>)
    /// is recorded as the same link, and the real file at the end is copied. The loader finds
    /// libraries by those link names, so they must exist exactly as on the host.
    /// </summary>
    public static void AddPath(LayerContents contents, string hostPath)
    {
        if (!hostPath.StartsWith('/'))
        {
            throw new ArgumentException($"'{hostPath}' is not an absolute host path.", nameof(hostPath));
        }

        var pending = new Stack<string>(hostPath.Split('/').Reverse());
        var resolved = new List<string>();
        var hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (resolved.Count > 0)
                {
                    resolved.RemoveAt(resolved.Count - 1);
                }

                continue;
            }

            var imagePath = string.Join('/', resolved.Append(part));
            var host = "/" + imagePath;
            var linkTarget = new FileInfo(host).LinkTarget;
            if (linkTarget is not null)
            {
                if (++hops > MaxLinkHops)
                {
                    throw new StagingException($"Too many symlinks while resolving host path '{hostPath}'.");
                }

                contents.AddSymlink(imagePath, linkTarget);
                if (linkTarget.StartsWith('/'))
                {
                    resolved.Clear();
                }

                foreach (var targetPart in linkTarget.Split('/').Reverse())
                {
                    pending.Push(targetPart);
                }

                continue;
            }

            resolved.Add(part);
            if (pending.All(p => p is "" or "."))
            {
                if (File.Exists(host))
                {
                    contents.AddFile(imagePath, host, ModeOf(host));
                }
                else if (Directory.Exists(host))
                {
                    contents.AddDirectory(imagePath);
                }
                else
                {
                    throw new StagingException($"Host path '{hostPath}' does not exist.");
                }

                return;
            }
        }
    }

    /// <summary>Adds a whole host directory under <paramref name="imageDirectory"/>; links inside it stay links.</summary>
    public static void AddTree(LayerContents contents, string hostDirectory, string imageDirectory)
    {
        contents.AddDirectory(imageDirectory);
        foreach (var info in new DirectoryInfo(hostDirectory).EnumerateFileSystemInfos())
        {
            var imagePath = imageDirectory + "/" + info.Name;
            if (info.LinkTarget is not null)
            {
                contents.AddSymlink(imagePath, info.LinkTarget);
            }
            else if (info is DirectoryInfo directory)
            {
                AddTree(contents, directory.FullName, imagePath);
            }
            else
            {
                contents.AddFile(imagePath, info.FullName, ModeOf(info.FullName));
            }
        }
    }

    /// <summary>Only the execute bit carries over; everything else is normalised for reproducibility.</summary>
    public static UnixFileMode ModeOf(string hostFile) =>
        (File.GetUnixFileMode(hostFile) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0
            ? LayerEntry.ExecutableMode
            : LayerEntry.ReadableMode;
}
