using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Output;
using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Push;

namespace MiniPaas.Cli.Commands;

/// <summary>
/// <c>minipaas up [--demo] [--agents N] [--home DIR] [--registry-port P] [--scheduler-port P]
/// [--router-port P] [--agent-ip-base IP] [--agent-port-start P] [--agent-ports N] [--docker-socket PATH]</c>:
/// bring the whole platform up on this machine (see <see cref="PlatformUp"/>).
/// </summary>
internal static class UpCommand
{
    /// <summary>The sample <c>--demo</c> pushes, relative to the repository.</summary>
    public const string DemoApp = "samples/hello";

    /// <summary>How many instances of the sample <c>--demo</c> runs.</summary>
    public const int DemoInstances = 3;

    public static Command Create(CommandRunner runner)
    {
        var demo = new Option<bool>("--demo") { Description = $"Then push {DemoApp} with {DemoInstances} instances and print its addresses" };
        var agents = new Option<int?>("--agents") { Description = "Number of node agents (env MINIPAAS_AGENTS; default 2)" };
        var registryPort = new Option<int?>("--registry-port") { Description = "Registry port (env MINIPAAS_REGISTRY_PORT; default 5000)" };
        var schedulerPort = new Option<int?>("--scheduler-port") { Description = "Scheduler gRPC port (env MINIPAAS_SCHEDULER_PORT; default 7070)" };
        var routerPort = new Option<int?>("--router-port") { Description = "Router port apps are served on (env MINIPAAS_ROUTER_PORT; default 8080)" };
        var routerAdminPort = new Option<int?>("--router-admin-port") { Description = "Router admin port: /healthz, /metrics, /routes (env MINIPAAS_ROUTER_ADMIN_PORT; default 8081)" };
        var logsPort = new Option<int?>("--logs-port") { Description = "Log aggregator gRPC port (env MINIPAAS_LOGS_PORT; default 7080)" };
        var logsHttpPort = new Option<int?>("--logs-http-port") { Description = "Log aggregator HTTP port: CLEF, /healthz (env MINIPAAS_LOGS_HTTP_PORT; default: --logs-port + 1)" };
        var brokerPort = new Option<int?>("--broker-port") { Description = "Service broker port (env MINIPAAS_BROKER_PORT; default 7090)" };
        var dashboardPort = new Option<int?>("--dashboard-port") { Description = "Scheduler web dashboard port (env MINIPAAS_DASHBOARD_PORT; default 7071)" };
        var agentIpBase = new Option<string?>("--agent-ip-base") { Description = "node-1's loopback address, node-N's is the (N-1)th next (env MINIPAAS_AGENT_IP_BASE; default 127.0.0.11)" };
        var agentPortStart = new Option<int?>("--agent-port-start") { Description = "node-1's first instance port (env MINIPAAS_AGENT_PORT_START; default 61000)" };
        var agentPorts = new Option<int?>("--agent-ports") { Description = "Instance ports per node (env MINIPAAS_AGENT_PORTS; default 500)" };
        var dockerSocket = new Option<string?>("--docker-socket") { Description = "Docker engine socket (env MINIPAAS_DOCKER_SOCKET; default /var/run/docker.sock)" };
        var containerLabels = new Option<string[]>("--container-label")
        {
            Description = "KEY=VALUE label the agents add to every app container (repeatable), e.g. for tests to clean up their own",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("up", "Start the whole platform on this machine (Docker engine, registry, scheduler, agents, router, service broker)")
        {
            demo, agents, registryPort, schedulerPort, routerPort, routerAdminPort, logsPort, logsHttpPort, brokerPort, dashboardPort, agentIpBase, agentPortStart, agentPorts, dockerSocket, containerLabels,
        };
        runner.Bind(command, async invocation =>
        {
            var environment = invocation.Context.Environment;
            var defaults = new PlatformLayout { Home = invocation.Home };
            var logsGrpcPort = Number(invocation.Get(logsPort), "MINIPAAS_LOGS_PORT", environment) ?? defaults.LogsPort;
            var layout = (defaults with
            {
                LogsPort = logsGrpcPort,
                LogsHttpPort = Number(invocation.Get(logsHttpPort), "MINIPAAS_LOGS_HTTP_PORT", environment) ?? logsGrpcPort + 1,
                AgentCount = Number(invocation.Get(agents), "MINIPAAS_AGENTS", environment) ?? defaults.AgentCount,
                RegistryPort = Number(invocation.Get(registryPort), "MINIPAAS_REGISTRY_PORT", environment) ?? defaults.RegistryPort,
                SchedulerPort = Number(invocation.Get(schedulerPort), "MINIPAAS_SCHEDULER_PORT", environment) ?? defaults.SchedulerPort,
                RouterPort = Number(invocation.Get(routerPort), "MINIPAAS_ROUTER_PORT", environment) ?? defaults.RouterPort,
                RouterAdminPort = Number(invocation.Get(routerAdminPort), "MINIPAAS_ROUTER_ADMIN_PORT", environment) ?? defaults.RouterAdminPort,
                BrokerPort = Number(invocation.Get(brokerPort), "MINIPAAS_BROKER_PORT", environment) ?? defaults.BrokerPort,
                DashboardPort = Number(invocation.Get(dashboardPort), "MINIPAAS_DASHBOARD_PORT", environment) ?? defaults.DashboardPort,
                AgentIpBase = invocation.Get(agentIpBase) ?? NonEmpty(environment("MINIPAAS_AGENT_IP_BASE")) ?? defaults.AgentIpBase,
                AgentPortStart = Number(invocation.Get(agentPortStart), "MINIPAAS_AGENT_PORT_START", environment) ?? defaults.AgentPortStart,
                AgentPortsPerNode = Number(invocation.Get(agentPorts), "MINIPAAS_AGENT_PORTS", environment) ?? defaults.AgentPortsPerNode,
                DockerSocket = invocation.Get(dockerSocket) ?? NonEmpty(environment("MINIPAAS_DOCKER_SOCKET")) ?? defaults.DockerSocket,
                ContainerLabels = Labels(invocation.Get(containerLabels) ?? []),
            }).Validated();

            var build = BuildOutputs.Discover(environment);
            var report = await new PlatformUp(invocation, layout, build).RunAsync();
            PushResult? demoResult = null;
            if (invocation.Get(demo))
            {
                invocation.UseConnection(report.Connection);
                var plan = DeploymentPlanner.Plan(
                    new PushFlags { Path = build.RepositoryPath(DemoApp), Instances = DemoInstances },
                    invocation.Context.WorkingDirectory);
                demoResult = await new PushWorkflow(invocation).RunAsync(plan);
            }

            Report(invocation, report, demoResult);
            if (demoResult is { RolloutComplete: false })
            {
                throw new CliException($"the demo app's rollout did not finish ({InstanceProgress.Describe(demoResult.App, demoResult.Release?.Version ?? 0)}); see `minipaas events {demoResult.App.Summary?.Name}`");
            }

            return 0;
        });
        return command;
    }

    private static void Report(Invocation invocation, PlatformReport report, PushResult? demo)
    {
        if (invocation.Json)
        {
            invocation.Context.RawOut.WriteLine(JsonReply.Format(new JsonObject
            {
                ["home"] = report.Home,
                ["config"] = report.ConfigPath,
                ["api"] = report.Connection.Api.GetLeftPart(UriPartial.Authority),
                ["components"] = PlatformTables.ComponentsJson(report.Components),
                ["dashboard"] = report.DashboardLoginUrl,
                ["demo"] = demo is null ? null : JsonReply.ToNode(demo.App),
            }));
            return;
        }

        invocation.Say("");
        invocation.Write(PlatformTables.Components(report.Components));
        invocation.Say("");
        invocation.Say($"the platform is up. The admin token is in {report.ConfigPath} (adminToken); the CLI reads it from there.");
        var defaultHome = MiniPaasHome.Resolve(null, name => name == MiniPaasHome.Variable ? null : invocation.Context.Environment(name));
        if (report.Home != defaultHome)
        {
            invocation.Say($"this home is not the default: export {MiniPaasHome.Variable}={report.Home} (or pass --home) for the other commands");
        }

        invocation.Say("stop it with `minipaas down" + (report.Home != defaultHome ? $" --home {report.Home}`" : "`"));
        invocation.Say(report.DashboardLoginUrl is { } login
            ? $"dashboard: {login}   (one-time login link, valid 5 minutes; `minipaas dashboard` prints a fresh one)"
            : $"dashboard: no login link ({report.DashboardProblem}); try `minipaas dashboard`");
        if (demo is not null)
        {
            var name = demo.App.Summary?.Name;
            invocation.Say("");
            invocation.Say($"demo app {name}: {InstanceProgress.Describe(demo.App, demo.Release?.Version ?? 0)}");
            foreach (var url in demo.App.Summary?.Urls ?? [])
            {
                invocation.Say($"   url:      {url}");
            }

            foreach (var instance in demo.App.Instances.Where(i => i.Address.Length > 0).OrderBy(i => i.Index))
            {
                invocation.Say(string.Create(CultureInfo.InvariantCulture, $"   instance {instance.Index}: http://{instance.Address} on {instance.NodeId}"));
            }
        }
    }

    private static Dictionary<string, string> Labels(string[] pairs)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || pair[..equals].Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')))
            {
                throw new CliException($"--container-label: \"{pair}\" is not KEY=VALUE (key: letters, digits, '.', '-', '_')");
            }

            labels[pair[..equals]] = pair[(equals + 1)..];
        }

        return labels;
    }

    private static int? Number(int? flag, string variable, Func<string, string?> environment)
    {
        if (flag is not null)
        {
            return flag;
        }

        if (NonEmpty(environment(variable)) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliException($"{variable}: \"{text}\" is not a whole number");
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
