namespace MiniPaas.Cli.Connection;

/// <summary>
/// MiniPaasHome finds the directory holding the platform's state and config.json:
/// <c>--home</c>, else <c>MINIPAAS_HOME</c>, else <c>~/.minipaas</c>.
/// </summary>
internal static class MiniPaasHome
{
    /// <summary>Environment variable naming the home directory.</summary>
    public const string Variable = "MINIPAAS_HOME";

    /// <summary>Resolves the home directory to an absolute path.</summary>
    public static string Resolve(string? homeFlag, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(homeFlag))
        {
            return Path.GetFullPath(homeFlag);
        }

        if (environment(Variable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var userHome = environment("HOME") is { Length: > 0 } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(userHome, ".minipaas");
    }
}
