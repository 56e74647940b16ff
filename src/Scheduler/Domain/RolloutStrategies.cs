namespace MiniPaas.Scheduler.Domain;

/// <summary>RolloutStrategies names how a new deployment replaces the old instances.</summary>
internal static class RolloutStrategies
{
    public const string Rolling = "rolling";
    public const string Recreate = "recreate";

    public static bool IsKnown(string strategy) => strategy is Rolling or Recreate;
}
