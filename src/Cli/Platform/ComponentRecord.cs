namespace MiniPaas.Cli.Platform;

/// <summary>
/// ComponentRecord is what <c>up</c> remembers about a process it started: the argv <c>down</c>
/// must find in /proc before signalling the recorded pid, and where it listens, for <c>status</c>.
/// </summary>
internal sealed record ComponentRecord
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Argv { get; init; }

    /// <summary>Where it listens, e.g. <c>http://127.0.0.1:5000</c> or <c>127.0.0.11 ports 61000-61499</c>.</summary>
    public required string Address { get; init; }
}
