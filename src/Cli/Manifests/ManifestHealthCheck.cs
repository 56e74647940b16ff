namespace MiniPaas.Cli.Manifests;

/// <summary>
/// ManifestHealthCheck is the <c>health_check</c> block of a manifest (or cf's flat
/// <c>health-check-type</c>/<c>health-check-http-endpoint</c>/<c>timeout</c> keys).
/// </summary>
internal sealed record ManifestHealthCheck
{
    /// <summary>The check types the platform knows: TCP connect, HTTP GET expecting 2xx, container running.</summary>
    public static readonly IReadOnlyList<string> KnownTypes = ["port", "http", "process"];

    public string? Type { get; init; }

    public string? Endpoint { get; init; }

    public TimeSpan? StartupTimeout { get; init; }

    public TimeSpan? Interval { get; init; }

    public int? FailureThreshold { get; init; }
}
