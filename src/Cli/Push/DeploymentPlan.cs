using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Push;

/// <summary>
/// DeploymentPlan is what <c>push</c> will do once flags and manifest are merged: which directory
/// to pack, which app to deploy it as, with which settings and rollout strategy.
/// </summary>
internal sealed record DeploymentPlan
{
    public required string AppName { get; init; }

    /// <summary>Absolute path of the directory that is packed and uploaded.</summary>
    public required string SourceDirectory { get; init; }

    public required AppSettings Settings { get; init; }

    /// <summary><c>rolling</c> or <c>recreate</c>.</summary>
    public required string Strategy { get; init; }

    /// <summary>Manifest exclude patterns, relative to <see cref="SourceDirectory"/>.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>The manifest that was read, or null when there was none.</summary>
    public string? ManifestPath { get; init; }
}
