namespace MiniPaas.Scheduler.Services;

/// <summary>ServiceOperations names the states a service instance's last operation is stored and shown as.</summary>
internal static class ServiceOperations
{
    public const string CreateInProgress = "create in progress";
    public const string CreateSucceeded = "create succeeded";
    public const string CreateFailed = "create failed";
    public const string DeleteInProgress = "delete in progress";
    public const string DeleteFailed = "delete failed";

    /// <summary>Whether a broker operation is still running, so the state is worth polling.</summary>
    public static bool IsInProgress(string lastOperation) =>
        lastOperation is CreateInProgress or DeleteInProgress;
}
