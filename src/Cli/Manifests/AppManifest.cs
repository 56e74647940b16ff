namespace MiniPaas.Cli.Manifests;

/// <summary>
/// AppManifest is one application's settings from <c>minipaas.yml</c>. A null property was not
/// written in the manifest, so the flag, the app's current value or the platform default applies.
/// </summary>
internal sealed record AppManifest
{
    /// <summary>The file the settings came from, as errors name it (e.g. <c>minipaas.yml</c>).</summary>
    public required string SourceName { get; init; }

    public string? Name { get; init; }

    public int? Instances { get; init; }

    public long? MemoryMb { get; init; }

    public long? DiskMb { get; init; }

    public string? Command { get; init; }

    /// <summary>The stack (cf: buildpack) that stages the app, e.g. <c>busybox</c> or <c>dotnet</c>.</summary>
    public string? Stack { get; init; }

    /// <summary>The app directory, already made absolute against the manifest's directory.</summary>
    public string? Path { get; init; }

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public ManifestHealthCheck? HealthCheck { get; init; }

    /// <summary>How the router spreads requests over instances: round_robin, least_requests or power_of_two_choices.</summary>
    public string? LoadBalancing { get; init; }

    /// <summary>Whether the router pins a client to one instance with a cookie.</summary>
    public bool? StickySessions { get; init; }

    /// <summary>Patterns (gitignore-like) of files left out of the uploaded package.</summary>
    public IReadOnlyList<string> Exclude { get; init; } = [];

    /// <summary>An empty manifest, used when the app directory has none.</summary>
    public static AppManifest Empty(string sourceName) => new() { SourceName = sourceName };
}
