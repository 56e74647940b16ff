namespace MiniPaas.Scheduler.Services;

/// <summary>ServiceBindingRecord binds an app to a service instance; the credentials stay encrypted.</summary>
internal sealed record ServiceBindingRecord
{
    public required string BindingId { get; init; }

    public required string InstanceName { get; init; }

    public required string App { get; init; }

    /// <summary>The broker's credentials JSON sealed by <see cref="ServiceSecrets"/> (purpose <c>binding:ID</c>).</summary>
    public required byte[] EncryptedCredentials { get; init; }

    public DateTimeOffset CreatedAt { get; init; }
}
