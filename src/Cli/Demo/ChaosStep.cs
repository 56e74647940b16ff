namespace MiniPaas.Cli.Demo;

/// <summary>
/// ChaosStep is one row of the demo's timeline: what was killed and, in ms since the demo started,
/// when, when the platform noticed, when the replacement ran and when the router first sent it a
/// request. A null time means it did not happen before the step's deadline.
/// </summary>
internal sealed record ChaosStep(string Kind, string Target, double AtMs, double? NoticedMs, double? RunningMs, double? RoutableMs, string Detail)
{
    /// <summary>Kill → first request served by the replacement(s).</summary>
    public double? KillToRoutableMs => RoutableMs - AtMs;

    /// <summary>Kill → replacement(s) running.</summary>
    public double? KillToRunningMs => RunningMs - AtMs;
}
