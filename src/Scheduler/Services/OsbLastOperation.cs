namespace MiniPaas.Scheduler.Services;

/// <summary>OsbLastOperation is one <c>last_operation</c> poll: state (<c>in progress</c>, <c>succeeded</c>, <c>failed</c>) and the broker's description; <see cref="Gone"/> when it answered 410.</summary>
internal sealed record OsbLastOperation(string State, string Description, bool Gone = false)
{
    public const string InProgress = "in progress";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
