namespace MiniPaas.Broker.Api;

/// <summary>
/// Values of the error body's <c>error</c> field. The first four are fixed by the OSB API for their situations;
/// the rest are this broker's, for situations the specification leaves to the broker.
/// </summary>
internal static class OsbErrorCodes
{
    public const string AsyncRequired = "AsyncRequired";
    public const string ConcurrencyError = "ConcurrencyError";
    public const string RequiresApp = "RequiresApp";
    public const string MaintenanceInfoConflict = "MaintenanceInfoConflict";

    public const string BadRequest = "BadRequest";
    public const string Unauthorized = "Unauthorized";
    public const string UnsupportedApiVersion = "UnsupportedApiVersion";
    public const string NotFound = "NotFound";
    public const string Gone = "Gone";
    public const string Conflict = "Conflict";
    public const string PlanChangeNotSupported = "PlanChangeNotSupported";
    public const string InstanceNotUsable = "InstanceNotUsable";
    public const string BackendFailure = "BackendFailure";
}
