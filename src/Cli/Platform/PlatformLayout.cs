using System.Globalization;
using System.Net;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// PlatformLayout is where <c>up</c> puts every component on this machine. Each value comes from
/// its flag, else its environment variable, else the default below, so tests can bring up a
/// private platform (temp <c>--home</c>, free ports, other loopback addresses) beside the real one.
/// </summary>
internal sealed record PlatformLayout
{
    /// <summary>State directory (<c>--home</c>, <c>MINIPAAS_HOME</c>; default <c>~/.minipaas</c>).</summary>
    public required string Home { get; init; }

    /// <summary>The loopback address the control plane listens on. Default 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Registry HTTP port (<c>--registry-port</c>, <c>MINIPAAS_REGISTRY_PORT</c>). Default 5000.</summary>
    public int RegistryPort { get; init; } = 5000;

    /// <summary>Scheduler gRPC (h2c) port (<c>--scheduler-port</c>, <c>MINIPAAS_SCHEDULER_PORT</c>). Default 7070.</summary>
    public int SchedulerPort { get; init; } = 7070;

    /// <summary>Router HTTP port (<c>--router-port</c>, <c>MINIPAAS_ROUTER_PORT</c>). Default 8080.</summary>
    public int RouterPort { get; init; } = 8080;

    /// <summary>Router admin port: /healthz, /metrics, /routes (<c>--router-admin-port</c>, <c>MINIPAAS_ROUTER_ADMIN_PORT</c>). Default 8081.</summary>
    public int RouterAdminPort { get; init; } = 8081;

    /// <summary>Log aggregator gRPC (h2c) port (<c>--logs-port</c>, <c>MINIPAAS_LOGS_PORT</c>). Default 7080.</summary>
    public int LogsPort { get; init; } = 7080;

    /// <summary>Log aggregator HTTP port: CLEF ingestion, /healthz (<c>--logs-http-port</c>, <c>MINIPAAS_LOGS_HTTP_PORT</c>). Default 7081.</summary>
    public int LogsHttpPort { get; init; } = 7081;

    /// <summary>Service broker HTTP port (<c>--broker-port</c>, <c>MINIPAAS_BROKER_PORT</c>). Default 7090.</summary>
    public int BrokerPort { get; init; } = 7090;

    /// <summary>Port of the broker's PostgreSQL cluster. Default 7432.</summary>
    public int BrokerPostgresPort { get; init; } = 7432;

    /// <summary>Port of the broker's Redis server. Default 7379.</summary>
    public int BrokerRedisPort { get; init; } = 7379;

    /// <summary>The scheduler's web dashboard port (<c>--dashboard-port</c>, <c>MINIPAAS_DASHBOARD_PORT</c>). Default 7071.</summary>
    public int DashboardPort { get; init; } = 7071;

    /// <summary>How many node agents (<c>--agents</c>, <c>MINIPAAS_AGENTS</c>). Default 2.</summary>
    public int AgentCount { get; init; } = 2;

    /// <summary>node-1's address; node-N gets the N-1th next one (<c>--agent-ip-base</c>, <c>MINIPAAS_AGENT_IP_BASE</c>). Default 127.0.0.11.</summary>
    public string AgentIpBase { get; init; } = "127.0.0.11";

    /// <summary>node-1's first instance port (<c>--agent-port-start</c>, <c>MINIPAAS_AGENT_PORT_START</c>). Default 61000.</summary>
    public int AgentPortStart { get; init; } = 61000;

    /// <summary>Instance ports per node (<c>--agent-ports</c>, <c>MINIPAAS_AGENT_PORTS</c>). Default 500: node-1 61000-61499, node-2 61500-61999.</summary>
    public int AgentPortsPerNode { get; init; } = 500;

    /// <summary>The Docker engine socket (<c>--docker-socket</c>, <c>MINIPAAS_DOCKER_SOCKET</c>). Default /var/run/docker.sock.</summary>
    public string DockerSocket { get; init; } = DockerEngine.DefaultSocket;

    /// <summary>
    /// Extra labels the agents put on every app container (<c>--container-label KEY=VALUE</c>,
    /// repeatable), so a test can find and remove exactly the containers of its own platform. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string> ContainerLabels { get; init; } = new Dictionary<string, string>();

    /// <summary>The registry's base address, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public Uri RegistryUrl => Url(RegistryPort);

    /// <summary>The controller's gRPC address, e.g. <c>http://127.0.0.1:7070</c>.</summary>
    public Uri SchedulerUrl => Url(SchedulerPort);

    /// <summary>The scheduler's dashboard, e.g. <c>http://127.0.0.1:7071</c>.</summary>
    public Uri DashboardUrl => Url(DashboardPort);

    /// <summary>The router's address (apps are served as <c>http://APP.localhost:PORT</c>).</summary>
    public Uri RouterUrl => Url(RouterPort);

    /// <summary>The router's admin address.</summary>
    public Uri RouterAdminUrl => Url(RouterAdminPort);

    /// <summary>The log aggregator's gRPC address, e.g. <c>http://127.0.0.1:7080</c>.</summary>
    public Uri LogsUrl => Url(LogsPort);

    /// <summary>The log aggregator's HTTP address, e.g. <c>http://127.0.0.1:7081</c>.</summary>
    public Uri LogsHttpUrl => Url(LogsHttpPort);

    /// <summary>The service broker's address.</summary>
    public Uri BrokerUrl => Url(BrokerPort);

    /// <summary>The agents, node-1 first.</summary>
    public IReadOnlyList<AgentSlot> Agents => Enumerable.Range(1, AgentCount).Select(Agent).ToArray();

    /// <summary>Checks the values fit together; throws <see cref="CliException"/> naming the flag.</summary>
    public PlatformLayout Validated()
    {
        foreach (var (flag, port) in new[] { ("--registry-port", RegistryPort), ("--scheduler-port", SchedulerPort), ("--router-port", RouterPort), ("--router-admin-port", RouterAdminPort), ("--logs-port", LogsPort), ("--logs-http-port", LogsHttpPort), ("--dashboard-port", DashboardPort) })
        {
            if (port is < 1 or > 65535)
            {
                throw new CliException($"{flag}: {port} is not a port (1-65535)");
            }
        }

        var ports = new[] { RegistryPort, SchedulerPort, RouterPort, RouterAdminPort, LogsPort, LogsHttpPort, DashboardPort };
        if (ports.Distinct().Count() != ports.Length)
        {
            throw new CliException($"the registry, scheduler, router, router admin, log aggregator and dashboard ports must differ (got {string.Join(", ", ports)})");
        }

        if (AgentCount is < 0 or > 50)
        {
            throw new CliException($"--agents: {AgentCount} is out of range (0-50)");
        }

        if (!IPAddress.TryParse(AgentIpBase, out var address) || address.GetAddressBytes() is not [127, _, _, var last] || last + AgentCount > 255)
        {
            throw new CliException($"--agent-ip-base: \"{AgentIpBase}\" must be a 127.x.y.z address with room for {AgentCount} agents after it");
        }

        if (AgentPortsPerNode < 1 || AgentPortStart < 1024 || AgentPortStart + (AgentPortsPerNode * AgentCount) - 1 > 65535)
        {
            throw new CliException($"--agent-port-start/--agent-ports: {AgentCount} ranges of {AgentPortsPerNode} ports from {AgentPortStart} do not fit in 1024-65535");
        }

        return this;
    }

    private AgentSlot Agent(int number)
    {
        var bytes = IPAddress.Parse(AgentIpBase).GetAddressBytes();
        bytes[3] = (byte)(bytes[3] + number - 1);
        var first = AgentPortStart + ((number - 1) * AgentPortsPerNode);
        return new AgentSlot(
            string.Create(CultureInfo.InvariantCulture, $"node-{number}"),
            new IPAddress(bytes).ToString(),
            first,
            first + AgentPortsPerNode - 1);
    }

    private Uri Url(int port) => new(string.Create(CultureInfo.InvariantCulture, $"http://{Host}:{port}"));
}
