namespace MiniPaas.Cli.Platform;

/// <summary>
/// ProcessLaunch is how to start one background process: its name (which names its pid and log
/// files), its exact argv (also what <c>down</c> checks before signalling it), and extra environment
/// variables (secrets go here rather than in argv, which any local user can read in /proc).
/// </summary>
internal sealed record ProcessLaunch
{
    public required string Name { get; init; }

    /// <summary>argv[0] is the executable's full path.</summary>
    public required IReadOnlyList<string> Argv { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }
}
