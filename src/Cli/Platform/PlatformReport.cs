using MiniPaas.Cli.Connection;

namespace MiniPaas.Cli.Platform;

/// <summary>PlatformReport is what <c>up</c> leaves running: the home, the config with the tokens, the controller connection and each component.</summary>
internal sealed record PlatformReport(string Home, string ConfigPath, ConnectionSettings Connection, IReadOnlyList<ComponentStatus> Components)
{
    /// <summary>A one-time dashboard login link, or null when none could be had (see <see cref="DashboardProblem"/>).</summary>
    public string? DashboardLoginUrl { get; init; }

    /// <summary>Why there is no login link; null when there is one.</summary>
    public string? DashboardProblem { get; init; }
}
