namespace MiniPaas.Broker.Store;

/// <summary>State of an operation as the OSB API's <c>last_operation</c> reports it.</summary>
internal enum OperationState
{
    InProgress,
    Succeeded,
    Failed,
}
