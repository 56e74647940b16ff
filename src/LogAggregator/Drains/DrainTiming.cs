namespace MiniPaas.LogAggregator.Drains;

/// <summary>DrainTiming is the reconnect backoff of drains.</summary>
internal sealed record DrainTiming(TimeSpan ReconnectInitialDelay, TimeSpan ReconnectMaxDelay);
