namespace MiniPaas.Scheduler.Services;

/// <summary>
/// ServicesOptions tunes how the scheduler talks to service brokers. Bound from the
/// "MiniPaas:Services" section (environment <c>MiniPaas__Services__OperationTimeout</c>, ...).
/// </summary>
public sealed class ServicesOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "MiniPaas:Services";

    /// <summary>Deadline of each HTTP request to a broker. Default 60 s (a synchronous provision creates a database).</summary>
    public TimeSpan BrokerRequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an asynchronous provision or deprovision is polled before the call gives up waiting. Default 10 min.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Pause between two <c>last_operation</c> polls. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
