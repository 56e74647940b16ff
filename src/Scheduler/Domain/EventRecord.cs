namespace MiniPaas.Scheduler.Domain;

/// <summary>EventRecord is something the platform did or saw, kept for `minipaas events`.</summary>
internal sealed record EventRecord
{
    public long Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    public string App { get; init; } = "";

    public required string Kind { get; init; }

    public required string Message { get; init; }

    public int InstanceIndex { get; init; } = -1;

    public string NodeId { get; init; } = "";
}
