using System.Reflection;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// BuildOutputs finds the other components' build outputs, which <c>up</c> runs with <c>dotnet</c>:
/// <c>&lt;repo&gt;/src/&lt;Component&gt;/bin/&lt;Configuration&gt;/net10.0/MiniPaas.&lt;Component&gt;.dll</c>.
/// The repository is the nearest parent of this CLI holding MiniPaas.sln (or <c>MINIPAAS_REPO</c>);
/// the configuration is the one this CLI was built with (or <c>MINIPAAS_BUILD_CONFIGURATION</c>),
/// because <c>./minipaas</c> builds the whole solution in one configuration.
/// </summary>
internal sealed class BuildOutputs(string repositoryRoot, string configuration)
{
    /// <summary>Overrides the repository root.</summary>
    public const string RepositoryVariable = "MINIPAAS_REPO";

    /// <summary>Overrides the build configuration (Release, Debug).</summary>
    public const string ConfigurationVariable = "MINIPAAS_BUILD_CONFIGURATION";

    private const string TargetFramework = "net10.0";

    /// <summary>The repository root.</summary>
    public string RepositoryRoot => repositoryRoot;

    /// <summary>The build configuration whose outputs are used.</summary>
    public string Configuration => configuration;

    /// <summary>Locates the repository and configuration for this CLI.</summary>
    public static BuildOutputs Discover(Func<string, string?> environment)
    {
        var root = environment(RepositoryVariable) is { Length: > 0 } fromEnvironment
            ? Path.GetFullPath(fromEnvironment)
            : FindRepositoryRoot(AppContext.BaseDirectory)
                ?? throw new CliException(
                    $"cannot find the MiniPaas repository (MiniPaas.sln) above {AppContext.BaseDirectory}; set {RepositoryVariable}");
        var configuration = environment(ConfigurationVariable) is { Length: > 0 } chosen
            ? chosen
            : typeof(BuildOutputs).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        return new BuildOutputs(root, configuration);
    }

    /// <summary>The dll of <paramref name="component"/> (e.g. <c>Registry</c>); throws when it was not built.</summary>
    public string Dll(string component)
    {
        var path = Path.Combine(repositoryRoot, "src", component, "bin", configuration, TargetFramework, $"MiniPaas.{component}.dll");
        return File.Exists(path)
            ? path
            : throw new CliException(
                $"{path} does not exist: build the platform first (./minipaas builds it, or dotnet build MiniPaas.sln -c {configuration})");
    }

    /// <summary>A directory of the repository, e.g. <c>samples/hello</c>.</summary>
    public string RepositoryPath(string relative) => Path.Combine(repositoryRoot, relative);

    private static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MiniPaas.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
