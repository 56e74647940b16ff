namespace MiniPaas.Agent.Hosting;

/// <summary>
/// Settings of one node agent, bound from the configuration section <c>MiniPaas:Agent</c>
/// (command line <c>--MiniPaas:Agent:NodeId=node-1</c>, environment <c>MiniPaas__Agent__NodeId=node-1</c>).
/// </summary>
public sealed class AgentOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "MiniPaas:Agent";

    /// <summary>
    /// The node's identity with the scheduler, also used in container names and the
    /// <c>minipaas.node</c> label. Letters, digits, '.', '_' and '-', at most 63 characters.
    /// Default: empty, meaning "generate <c>node-xxxxxxxx</c> once and keep it in
    /// <see cref="DataDirectory"/>/node-id" so a restarted agent keeps its identity.
    /// </summary>
    public string NodeId { get; set; } = string.Empty;

    /// <summary>The scheduler's NodeControl gRPC endpoint (h2c). Default: <c>http://127.0.0.1:7070</c>.</summary>
    public string SchedulerAddress { get; set; } = "http://127.0.0.1:7070";

    /// <summary>Bearer token sent to the scheduler on every call. Default: empty (no authorization header).</summary>
    public string NodeToken { get; set; } = string.Empty;

    /// <summary>
    /// The IP address app instances are reachable at; each agent on a machine needs its own
    /// (127.0.0.11, 127.0.0.12, ...). Default: <c>127.0.0.11</c>.
    /// </summary>
    public string AdvertiseAddress { get; set; } = "127.0.0.11";

    /// <summary>First port (inclusive) handed to app instances. Default: 61000.</summary>
    public int PortRangeStart { get; set; } = 61000;

    /// <summary>Last port (inclusive) handed to app instances. Default: 61499.</summary>
    public int PortRangeEnd { get; set; } = 61499;

    /// <summary>Memory the node offers to app instances, in MB. Default: 4096.</summary>
    public long MemoryMb { get; set; } = 4096;

    /// <summary>Disk the node offers to app instances, in MB. Default: 10240.</summary>
    public long DiskMb { get; set; } = 10240;

    /// <summary>How many instances the node offers to run at most. Default: 32.</summary>
    public int MaxInstances { get; set; } = 32;

    /// <summary>Labels the scheduler may place by (e.g. <c>zone=a</c>). Default: none.</summary>
    public Dictionary<string, string> Labels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Extra labels put on every container the agent creates, besides the <c>minipaas.*</c> ones
    /// (tests use it to find and clean up their own containers). Default: none.
    /// </summary>
    public Dictionary<string, string> ContainerLabels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The labels that mark a container as this agent's: its node id plus every extra
    /// <see cref="ContainerLabels"/> label. Two platforms on one engine (a developer's and a test
    /// run's, both with a "node-1") then never adopt, stop or watch each other's containers.
    /// </summary>
    public Dictionary<string, string?> OwnershipLabels()
    {
        var labels = new Dictionary<string, string?>(StringComparer.Ordinal) { [Instances.InstanceLabels.Node] = NodeId };
        foreach (var (key, value) in ContainerLabels)
        {
            labels[key] = value;
        }

        return labels;
    }

    /// <summary>The Docker engine's unix socket. Default: <c>/var/run/docker.sock</c>.</summary>
    public string DockerSocket { get; set; } = "/var/run/docker.sock";

    /// <summary>How often the agent heartbeats; the scheduler's RegisterReply may override it. Default: 1 second.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Grace period between SIGTERM and SIGKILL when stopping an instance's container. Default: 10 seconds.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Upper bound of the exponential delay between reconnect attempts while the scheduler is down.
    /// Default: 2 seconds, well under the scheduler's node TTL (5 s), so a restarted scheduler hears
    /// from every agent before it would declare the node lost.
    /// </summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Where the agent keeps its own state (the generated node id). Default: empty, meaning
    /// <c>$MINIPAAS_HOME/agents/&lt;NodeId or "default"&gt;</c> (<c>$MINIPAAS_HOME</c> defaults to <c>~/.minipaas</c>).
    /// </summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>
    /// The log aggregator's gRPC address (h2c), e.g. <c>http://127.0.0.1:7080</c>. Container output is
    /// shipped there as <c>APP/&lt;index&gt;</c> lines and instance events as <c>CELL/&lt;index&gt;</c> lines.
    /// Default: empty, meaning log shipping is off.
    /// </summary>
    public string LogAggregatorAddress { get; set; } = string.Empty;

    /// <summary>Bearer token for the log aggregator. Default: empty (no authorization header).</summary>
    public string LogAggregatorToken { get; set; } = string.Empty;
}
