namespace MiniPaas.Docker;

/// <summary>What the engine does when a container exits.</summary>
public sealed class RestartPolicy
{
    /// <summary>
    /// One of <c>no</c>, <c>always</c>, <c>unless-stopped</c>, <c>on-failure</c>. Default: <c>no</c>.
    /// </summary>
    public string Name { get; set; } = "no";

    /// <summary>For <c>on-failure</c>: how many restarts before giving up (0 = unlimited). Default: 0.</summary>
    public int MaximumRetryCount { get; set; }
}
