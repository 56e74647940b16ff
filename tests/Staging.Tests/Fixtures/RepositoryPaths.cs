namespace MiniPaas.Staging.Tests.Fixtures;

/// <summary>Finds the repository's samples from the test binaries' location.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    /// <summary>Copies a directory tree (links as links), skipping build output.</summary>
    public static void CopyTree(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var info in new DirectoryInfo(source).EnumerateFileSystemInfos())
        {
            var target = Path.Combine(destination, info.Name);
            if (info.LinkTarget is not null)
            {
                File.CreateSymbolicLink(target, info.LinkTarget);
            }
            else if (info is DirectoryInfo directory)
            {
                if (info.Name is not ("bin" or "obj"))
                {
                    CopyTree(directory.FullName, target);
                }
            }
            else
            {
                File.Copy(info.FullName, target);
                File.SetUnixFileMode(target, File.GetUnixFileMode(info.FullName));
            }
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MiniPaas.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"MiniPaas.sln not found above {AppContext.BaseDirectory}.");
    }
}
