namespace MiniPaas.Broker.Store;

/// <summary>What an instance's last operation does.</summary>
internal enum OperationType
{
    Create,
    Update,
    Delete,
}
