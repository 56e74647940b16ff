using MiniPaas.Router.Hosting;

namespace MiniPaas.Router.LogShipping;

/// <summary>
/// Where the router ships its access lines (as <c>RTR</c> lines under each app), bound from the
/// same section as <see cref="RouterOptions"/>: <c>MiniPaas:Router:LogAggregatorAddress</c> and
/// <c>MiniPaas:Router:LogAggregatorToken</c>.
/// </summary>
internal sealed class RouterLogShippingOptions
{
    /// <summary>The log aggregator's gRPC address (h2c), e.g. <c>http://127.0.0.1:7080</c>. Default: empty, meaning access lines are not shipped.</summary>
    public string LogAggregatorAddress { get; set; } = string.Empty;

    /// <summary>Bearer token for the log aggregator. Default: empty (no authorization header).</summary>
    public string LogAggregatorToken { get; set; } = string.Empty;
}
