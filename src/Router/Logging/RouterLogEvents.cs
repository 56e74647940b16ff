namespace MiniPaas.Router.Logging;

/// <summary>Every event id the router logs, in one place so they stay unique and greppable.</summary>
internal static class RouterLogEvents
{
    // Hosting 1-9
    public const int Listening = 1;

    // Route table 10-19
    public const int RouteTableApplied = 10;
    public const int RouteTableEntrySkipped = 11;
    public const int RouteTableLoadedFromStateFile = 12;
    public const int StateFileUnreadable = 13;
    public const int StateFileWriteFailed = 14;
    public const int ProxyConfigRejected = 15;
    public const int RouteTableVersionWentBack = 16;

    // Scheduler stream 20-29
    public const int SchedulerConnected = 20;
    public const int SchedulerStreamEnded = 21;
    public const int SchedulerUnavailable = 22;
    public const int SchedulerRejectedCredentials = 23;

    // Forwarding 30-39
    public const int RetryingOnAnotherInstance = 30;
    public const int InstanceMarkedUnreachable = 31;
    public const int NoInstanceReachable = 32;

    // Access log 40-49
    public const int AccessLog = 40;
    public const int AccessLogSinkFailed = 41;

    // Log shipping 50-59
    public const int AccessLogShippingEnabled = 50;
}
