namespace MiniPaas.Agent.Instances;

/// <summary>
/// The labels the agent puts on every container it runs. They are the agent's only memory of its
/// containers: after a restart it finds and adopts them by these labels.
/// </summary>
internal static class InstanceLabels
{
    public const string Node = "minipaas.node";
    public const string App = "minipaas.app";
    public const string Index = "minipaas.index";
    public const string Instance = "minipaas.instance";
    public const string Release = "minipaas.release";
    public const string Port = "minipaas.port";
    public const string RestartGeneration = "minipaas.restart-generation";

    /// <summary>Every label above: extra labels from the options may not replace them.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        Node, App, Index, Instance, Release, Port, RestartGeneration,
    };
}
