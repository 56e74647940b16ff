namespace MiniPaas.Scheduler.Domain;

/// <summary>HealthCheckSpec says how an agent decides an instance is healthy.</summary>
internal sealed record HealthCheckSpec
{
    /// <summary>The platform default: a TCP connect to the instance's port.</summary>
    public static readonly HealthCheckSpec Default = new();

    /// <summary>"port", "http" or "process".</summary>
    public string Type { get; init; } = "port";

    /// <summary>Path for "http" checks.</summary>
    public string Endpoint { get; init; } = "";

    public int StartupTimeoutSeconds { get; init; } = 60;

    public int IntervalMillis { get; init; } = 2000;

    public int FailureThreshold { get; init; } = 3;
}
