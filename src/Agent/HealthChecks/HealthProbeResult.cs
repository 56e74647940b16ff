namespace MiniPaas.Agent.HealthChecks;

/// <summary>The outcome of one probe; <paramref name="Detail"/> says why it failed.</summary>
internal readonly record struct HealthProbeResult(bool Passed, string Detail)
{
    public static HealthProbeResult Pass() => new(true, string.Empty);

    public static HealthProbeResult Fail(string detail) => new(false, detail);
}
