namespace MiniPaas.Broker.Store;

/// <summary>A service binding as stored; <see cref="CredentialsJson"/> is decrypted (it is encrypted at rest).</summary>
internal sealed record BindingRecord(
    string InstanceId,
    string BindingId,
    string ServiceId,
    string PlanId,
    string ParametersJson,
    string? AppGuid,
    BindingState State,
    string? CredentialsJson,
    DateTimeOffset CreatedAt);
