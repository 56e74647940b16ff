namespace MiniPaas.Scheduler.Tests.Infrastructure;

/// <summary>Finds files of the repository the tests were built from.</summary>
internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "MiniPaas.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"no MiniPaas.sln above {AppContext.BaseDirectory}");
        }
    }

    /// <summary>A built assembly of another project, preferring the configuration these tests were built in.</summary>
    public static string BuiltAssembly(string projectFolder, string assemblyName)
    {
        var own = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var other = own == "Release" ? "Debug" : "Release";
        foreach (var configuration in new[] { own, other })
        {
            var path = Path.Combine(Root, projectFolder, "bin", configuration, "net10.0", assemblyName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException($"{assemblyName} is not built: build {projectFolder} (CI builds the whole solution first)");
    }
}
