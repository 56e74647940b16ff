namespace MiniPaas.Broker.Store;

/// <summary>
/// A service instance as stored, together with its last (or current) operation. <c>ParametersJson</c> is canonical
/// JSON (sorted keys), so equality is textual. <c>TargetPlanId</c> is the plan an update in progress moves to.
/// <c>Usable</c> says whether the backend resources exist (the create succeeded and no delete has started).
/// </summary>
internal sealed record InstanceRecord(
    string InstanceId,
    string ServiceId,
    string PlanId,
    string ParametersJson,
    string? ContextJson,
    string? OrganizationGuid,
    string? SpaceGuid,
    bool Usable,
    string OperationId,
    OperationType OperationType,
    OperationState OperationState,
    string? OperationDescription,
    string? TargetPlanId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool OperationInProgress => OperationState == OperationState.InProgress;
}
