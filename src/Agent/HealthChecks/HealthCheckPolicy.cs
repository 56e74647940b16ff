using MiniPaas.Contracts.V1;

namespace MiniPaas.Agent.HealthChecks;

/// <summary>
/// An assignment's health check with the platform defaults filled in: a <c>port</c> check, 60 s
/// to pass once after start, a probe every second, three consecutive failures to declare a running
/// instance crashed.
/// </summary>
internal sealed record HealthCheckPolicy(
    HealthCheckKind Kind,
    string Endpoint,
    TimeSpan StartupTimeout,
    TimeSpan Interval,
    int FailureThreshold)
{
    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);

    public const int DefaultFailureThreshold = 3;

    /// <summary>
    /// Until the first pass the probe runs at least this often, because the time from start to
    /// RUNNING is what a developer waits for after a push.
    /// </summary>
    public static readonly TimeSpan StartupProbeInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Builds the policy from the assignment's check; throws <see cref="ArgumentException"/> for an unknown type.</summary>
    public static HealthCheckPolicy From(HealthCheck? check)
    {
        var kind = (check?.Type ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "" or "port" => HealthCheckKind.Port,
            "http" => HealthCheckKind.Http,
            "process" or "none" => HealthCheckKind.Process,
            var other => throw new ArgumentException($"health check type '{other}' is not one of port, http, process"),
        };

        var endpoint = string.IsNullOrWhiteSpace(check?.Endpoint) ? "/" : check.Endpoint.Trim();
        if (!endpoint.StartsWith('/'))
        {
            endpoint = "/" + endpoint;
        }

        return new HealthCheckPolicy(
            kind,
            endpoint,
            check is { StartupTimeoutSeconds: > 0 } ? TimeSpan.FromSeconds(check.StartupTimeoutSeconds) : DefaultStartupTimeout,
            check is { IntervalMillis: > 0 } ? TimeSpan.FromMilliseconds(check.IntervalMillis) : DefaultInterval,
            check is { FailureThreshold: > 0 } ? check.FailureThreshold : DefaultFailureThreshold);
    }

    /// <summary>How long one probe may take before it counts as a failure.</summary>
    public TimeSpan ProbeTimeout => TimeSpan.FromMilliseconds(Math.Clamp(Interval.TotalMilliseconds, 1000, 10_000));
}
