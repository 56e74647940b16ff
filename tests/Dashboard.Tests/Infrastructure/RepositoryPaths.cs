using System.Reflection;

namespace MiniPaas.Dashboard.Tests.Infrastructure;

/// <summary>Where the repository, the built CLI and the samples are, seen from this test assembly.</summary>
internal static class RepositoryPaths
{
    /// <summary>The nearest parent of the test assembly holding MiniPaas.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly (and so, through project references, every component) was built with.</summary>
    public static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string CliDll => Path.Combine(Root, "src", "Cli", "bin", Configuration, "net10.0", "MiniPaas.Cli.dll");

    public static string Sample(string name) => Path.Combine(Root, "samples", name);

    /// <summary>Where screenshots go: TestResults/screenshots next to this project (kept as CI artifacts).</summary>
    public static string Screenshots => Path.Combine(Root, "tests", "Dashboard.Tests", "TestResults", "screenshots");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MiniPaas.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no MiniPaas.sln above {AppContext.BaseDirectory}");
    }
}
