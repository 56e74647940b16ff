using System.Globalization;
using MiniPaas.Cli.Api;
using MiniPaas.Cli.Connection;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// PlatformComponents is the one place that knows each component's settings names: the registry
/// binds <c>Registry:*</c> (plus <c>--urls</c>), the scheduler <c>MiniPaas:*</c>, the agents
/// <c>MiniPaas:Agent:*</c>, the router <c>MiniPaas:Router:*</c>. Plain settings go on the command line (so <c>down</c> can recognise
/// the process by it); tokens go in environment variables, which other users cannot read in /proc.
/// Every component also gets <c>MINIPAAS_HOME</c>, so whatever it keeps lands in this platform's home.
/// </summary>
internal static class PlatformComponents
{
    /// <summary>The components in start order (down stops them in reverse).</summary>
    public static IReadOnlyList<PlatformComponent> All(
        PlatformLayout layout, PlatformConfig config, BuildOutputs build, Func<ControllerClient> controller)
    {
        var dotnet = Executables.DotnetHost();
        var components = new List<PlatformComponent> { Registry(layout, config, build, dotnet), LogAggregator(layout, config, build, dotnet), Scheduler(layout, config, build, dotnet, controller) };
        components.AddRange(layout.Agents.Select(slot => Agent(layout, config, build, dotnet, slot, controller)));
        components.Add(Router(layout, config, build, dotnet));
        return components;
    }

    private static PlatformComponent Registry(PlatformLayout layout, PlatformConfig config, BuildOutputs build, string dotnet) => new()
    {
        Launch = new ProcessLaunch
        {
            Name = "registry",
            Argv =
            [
                dotnet, build.Dll("Registry"),
                "--urls", layout.RegistryUrl.GetLeftPart(UriPartial.Authority),
                $"--Registry:DataDirectory={Path.Combine(layout.Home, "registry")}",
                $"--MiniPaas:LogAggregatorAddress={layout.LogsUrl.GetLeftPart(UriPartial.Authority)}",
            ],
            Environment = Environment(layout, ("Registry__Token", config.RegistryToken!), ("MiniPaas__LogAggregatorToken", config.LogsToken!)),
        },
        Address = layout.RegistryUrl.GetLeftPart(UriPartial.Authority),
        Ports = [(layout.RegistryPort, "--registry-port")],
        ReadyWhen = "answering HTTP",
        IsReady = ct => ReadinessProbes.HttpAnswersAsync(new Uri(layout.RegistryUrl, "/v2/"), ct),
    };

    private static PlatformComponent Scheduler(
        PlatformLayout layout, PlatformConfig config, BuildOutputs build, string dotnet, Func<ControllerClient> controller) => new()
    {
        Launch = new ProcessLaunch
        {
            Name = "scheduler",
            Argv =
            [
                dotnet, build.Dll("Scheduler"),
                $"--MiniPaas:GrpcEndpoint={layout.Host}:{layout.SchedulerPort.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:DataDirectory={Path.Combine(layout.Home, "scheduler")}",
                $"--MiniPaas:RegistryAddress={layout.Host}:{layout.RegistryPort.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:RouterHost={layout.Host}",
                $"--MiniPaas:RouterPort={layout.RouterPort.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:LogAggregatorAddress={layout.LogsUrl.GetLeftPart(UriPartial.Authority)}",
                $"--MiniPaas:DashboardEndpoint={layout.Host}:{layout.DashboardPort.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:RouterAdminAddress={layout.RouterAdminUrl.GetLeftPart(UriPartial.Authority)}",
            ],
            Environment = Environment(
                layout,
                ("MiniPaas__AdminToken", config.AdminToken!),
                ("MiniPaas__NodeToken", config.NodeToken!),
                ("MiniPaas__RegistryToken", config.RegistryToken!),
                ("MiniPaas__LogAggregatorToken", config.LogsToken!)),
        },
        Address = layout.SchedulerUrl.GetLeftPart(UriPartial.Authority) + " (gRPC)",
        Ports = [(layout.SchedulerPort, "--scheduler-port"), (layout.DashboardPort, "--dashboard-port")],
        ReadyWhen = "accepting the admin token",
        IsReady = async ct =>
        {
            if (!await ReadinessProbes.TcpAnswersAsync(layout.Host, layout.SchedulerPort, ct))
            {
                return false;
            }

            try
            {
                await controller().GetPlatformInfoAsync(ct);
                return true;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                return false;
            }
        },
    };

    private static PlatformComponent Agent(
        PlatformLayout layout, PlatformConfig config, BuildOutputs build, string dotnet, AgentSlot slot, Func<ControllerClient> controller) => new()
    {
        Launch = new ProcessLaunch
        {
            Name = slot.NodeId,
            Argv =
            [
                dotnet, build.Dll("Agent"),
                $"--MiniPaas:Agent:NodeId={slot.NodeId}",
                $"--MiniPaas:Agent:SchedulerAddress={layout.SchedulerUrl.GetLeftPart(UriPartial.Authority)}",
                $"--MiniPaas:Agent:AdvertiseAddress={slot.Address}",
                $"--MiniPaas:Agent:PortRangeStart={slot.PortRangeStart.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:Agent:PortRangeEnd={slot.PortRangeEnd.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:Agent:DataDirectory={Path.Combine(layout.Home, "agents", slot.NodeId)}",
                $"--MiniPaas:Agent:DockerSocket={layout.DockerSocket}",
                $"--MiniPaas:Agent:LogAggregatorAddress={layout.LogsUrl.GetLeftPart(UriPartial.Authority)}",
                .. layout.ContainerLabels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"--MiniPaas:Agent:ContainerLabels:{l.Key}={l.Value}"),
            ],
            Environment = Environment(layout, ("MiniPaas__Agent__NodeToken", config.NodeToken!), ("MiniPaas__Agent__LogAggregatorToken", config.LogsToken!)),
        },
        Address = string.Create(CultureInfo.InvariantCulture, $"{slot.Address} ports {slot.PortRangeStart}-{slot.PortRangeEnd}"),
        ReadyWhen = "registered with the scheduler",
        IsReady = async ct =>
        {
            var nodes = await controller().ListNodesAsync(ct);
            return nodes.Nodes.Any(n => n.NodeId == slot.NodeId && n.State == "ready");
        },
    };

    private static PlatformComponent Router(PlatformLayout layout, PlatformConfig config, BuildOutputs build, string dotnet) => new()
    {
        Launch = new ProcessLaunch
        {
            Name = "router",
            Argv =
            [
                dotnet, build.Dll("Router"),
                $"--MiniPaas:Router:ListenUrl={layout.RouterUrl.GetLeftPart(UriPartial.Authority)}",
                $"--MiniPaas:Router:AdminUrl={layout.RouterAdminUrl.GetLeftPart(UriPartial.Authority)}",
                $"--MiniPaas:Router:SchedulerAddress={layout.SchedulerUrl.GetLeftPart(UriPartial.Authority)}",
                "--MiniPaas:Router:RouterId=router-1",
                $"--MiniPaas:Router:StateFile={Path.Combine(layout.Home, "router", "routes.json")}",
                $"--MiniPaas:Router:LogAggregatorAddress={layout.LogsUrl.GetLeftPart(UriPartial.Authority)}",
            ],
            // The scheduler serves RouteDiscovery to holders of the node token, like NodeControl.
            Environment = Environment(layout, ("MiniPaas__Router__Token", config.NodeToken!), ("MiniPaas__Router__LogAggregatorToken", config.LogsToken!)),
        },
        Address = string.Create(CultureInfo.InvariantCulture, $"{layout.RouterUrl.GetLeftPart(UriPartial.Authority)} (apps: http://APP.localhost:{layout.RouterPort}; admin :{layout.RouterAdminPort})"),
        Ports = [(layout.RouterPort, "--router-port"), (layout.RouterAdminPort, "--router-admin-port")],
        ReadyWhen = "connected to the scheduler",
        IsReady = ct => ReadinessProbes.JsonFlagAsync(new Uri(layout.RouterAdminUrl, "/healthz"), "schedulerConnected", ct),
    };

    private static PlatformComponent LogAggregator(PlatformLayout layout, PlatformConfig config, BuildOutputs build, string dotnet) => new()
    {
        Launch = new ProcessLaunch
        {
            Name = "logs",
            Argv =
            [
                dotnet, build.Dll("LogAggregator"),
                $"--MiniPaas:LogAggregator:GrpcEndpoint={layout.Host}:{layout.LogsPort.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:LogAggregator:HttpEndpoint={layout.Host}:{layout.LogsHttpPort.ToString(CultureInfo.InvariantCulture)}",
                $"--MiniPaas:LogAggregator:DataDirectory={Path.Combine(layout.Home, "log-aggregator")}",
            ],
            Environment = Environment(layout, ("MiniPaas__LogAggregator__Token", config.LogsToken!)),
        },
        Address = string.Create(CultureInfo.InvariantCulture, $"{layout.LogsUrl.GetLeftPart(UriPartial.Authority)} (gRPC; CLEF on :{layout.LogsHttpPort})"),
        Ports = [(layout.LogsPort, "--logs-port"), (layout.LogsHttpPort, "--logs-http-port")],
        ReadyWhen = "answering /healthz",
        IsReady = ct => ReadinessProbes.HttpAnswersAsync(new Uri(layout.LogsHttpUrl, "/healthz"), ct),
    };

    private static Dictionary<string, string> Environment(PlatformLayout layout, params (string Key, string Value)[] secrets)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [MiniPaasHome.Variable] = layout.Home };
        foreach (var (key, value) in secrets)
        {
            environment[key] = value;
        }

        return environment;
    }
}
