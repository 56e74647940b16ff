namespace MiniPaas.Scheduler.Domain;

/// <summary>PackageRecord is an uploaded app archive, addressed by its sha256 digest.</summary>
internal sealed record PackageRecord
{
    /// <summary>"sha256:" + lowercase hex.</summary>
    public required string Id { get; init; }

    public required string App { get; init; }

    public required long Size { get; init; }

    public required string Path { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
