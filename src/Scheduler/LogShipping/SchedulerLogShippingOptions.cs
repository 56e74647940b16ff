namespace MiniPaas.Scheduler.LogShipping;

/// <summary>
/// Where the scheduler ships platform events, staging output and its own logs. Bound from the
/// same <c>MiniPaas</c> section as the other scheduler options (environment
/// <c>MiniPaas__LogAggregatorAddress</c>, <c>MiniPaas__LogAggregatorToken</c>).
/// </summary>
internal sealed class SchedulerLogShippingOptions
{
    /// <summary>The log aggregator's gRPC address (h2c), e.g. <c>http://127.0.0.1:7080</c>. Default: empty, meaning nothing is shipped.</summary>
    public string LogAggregatorAddress { get; set; } = string.Empty;

    /// <summary>Bearer token for the log aggregator. Default: empty (no authorization header).</summary>
    public string LogAggregatorToken { get; set; } = string.Empty;
}
