namespace MiniPaas.Scheduler.Domain;

/// <summary>ReleaseRecord is an immutable, numbered build of an app: image, command, env, health check.</summary>
internal sealed record ReleaseRecord
{
    public required string App { get; init; }

    public required int Version { get; init; }

    public required string ImageRepository { get; init; }

    /// <summary>Manifest digest, "sha256:...".</summary>
    public required string ImageDigest { get; init; }

    public string Stack { get; init; } = "";

    public string Command { get; init; } = "";

    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    public HealthCheckSpec HealthCheck { get; init; } = HealthCheckSpec.Default;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>"push", "rollback to v1", ...</summary>
    public string Description { get; init; } = "";
}
