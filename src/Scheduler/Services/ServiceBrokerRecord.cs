namespace MiniPaas.Scheduler.Services;

/// <summary>ServiceBrokerRecord is a registered broker as stored; the password stays encrypted.</summary>
internal sealed record ServiceBrokerRecord
{
    public required string Name { get; init; }

    public required string Url { get; init; }

    public required string Username { get; init; }

    /// <summary>The password sealed by <see cref="ServiceSecrets"/> (purpose <c>broker:NAME</c>).</summary>
    public required byte[] EncryptedPassword { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
