namespace MiniPaas.Cli.Push;

/// <summary>
/// PushFlags are the <c>push</c> command's flags as typed; null means "not given", so the manifest
/// (or the app's current value) applies.
/// </summary>
internal sealed record PushFlags
{
    public string? AppName { get; init; }

    public string? Path { get; init; }

    public int? Instances { get; init; }

    public string? Memory { get; init; }

    public string? Disk { get; init; }

    public string? Command { get; init; }

    public string? Stack { get; init; }

    public string? HealthCheckType { get; init; }

    public string? HealthCheckEndpoint { get; init; }

    public string? Strategy { get; init; }

    public string? ManifestPath { get; init; }

    public string? LoadBalancing { get; init; }

    public bool? StickySessions { get; init; }
}
