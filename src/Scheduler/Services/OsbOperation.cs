namespace MiniPaas.Scheduler.Services;

/// <summary>
/// OsbOperation is a broker's answer to a provision or deprovision: done at once, or accepted
/// (202) with an operation to poll through <c>last_operation</c>. <see cref="Gone"/> means the
/// broker had no such instance (410 to a delete), which a deprovision treats as done.
/// </summary>
internal sealed record OsbOperation(bool Accepted, string Operation, bool Gone = false);
