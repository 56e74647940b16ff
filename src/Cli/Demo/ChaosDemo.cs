using System.Globalization;
using MiniPaas.Cli.Commands;
using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Native;
using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Push;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Demo;

/// <summary>
/// ChaosDemo runs <c>minipaas demo chaos</c> against the platform <c>up</c> started in this home:
/// push samples/hello with 3 instances, keep a load on it through the router, docker-kill instances
/// one after another, then SIGKILL one agent, and time each recovery from what a user can see
/// (WatchApp for noticed/running, the load's own answers for routable).
/// </summary>
internal sealed class ChaosDemo(Invocation invocation, ChaosDemoOptions options)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    private readonly TimeProvider _time = invocation.Context.Time;
    private long _startedAt;

    public async Task<ChaosReport> RunAsync()
    {
        var cancellationToken = invocation.CancellationToken;
        var home = invocation.Home;
        var config = PlatformConfig.Load(home)
            ?? throw new CliException($"no platform in {home} (no {PlatformConfig.FileName}): run `minipaas up --agents 3` first");
        var routerUrl = Uri.TryCreate(config.Router, UriKind.Absolute, out var router)
            ? router
            : throw new CliException($"{Path.Combine(home, PlatformConfig.FileName)}: has no router address; run `minipaas up` again");
        var agents = PlatformState.Load(home).Components.Where(c => c.Name.StartsWith("node-", StringComparison.Ordinal)).ToList();
        if (agents.Count < 2)
        {
            throw new CliException($"demo chaos needs at least 2 agents that `minipaas up` started in {home} (found {agents.Count}); run `minipaas up --agents 3`");
        }

        var build = BuildOutputs.Discover(invocation.Context.Environment);
        var plan = DeploymentPlanner.Plan(
            new PushFlags { AppName = options.App, Path = build.RepositoryPath(UpCommand.DemoApp), Instances = options.Instances },
            invocation.Context.WorkingDirectory);
        var pushed = await new PushWorkflow(invocation) { WriteJsonResult = false }.RunAsync(plan);
        if (!pushed.RolloutComplete)
        {
            throw new CliException($"{options.App} did not start all {options.Instances} instances; see `minipaas events {options.App}`");
        }

        var appHost = new Uri(pushed.App.Summary.Urls.FirstOrDefault()
            ?? throw new CliException($"{options.App} has no URL to send load to")).Authority;
        using var docker = new DockerSocketClient(DockerSocketOf(agents[0]));

        _startedAt = _time.GetTimestamp();
        await using var recorder = new AppStateRecorder(invocation.Controller, options.App, ElapsedMs);
        await using var load = new ChaosLoad(routerUrl, appHost, ElapsedMs);
        load.Start(options.Workers);
        await WaitForAsync(() => pushed.App.Instances.All(i => load.FirstAnswer(i.Index, PortOf(i.Address), 0) is not null), "every instance to answer through the router");

        var steps = new List<ChaosStep>();
        var killed = new HashSet<int>();
        for (var kill = 0; kill < options.InstanceKills; kill++)
        {
            var current = await invocation.Controller.GetAppAsync(options.App, cancellationToken);
            var victim = current.Instances.Where(i => i.State == InstanceState.Running && !killed.Contains(i.Index)).MinBy(i => i.Index)
                ?? throw new CliException($"no running instance of {options.App} left to kill");
            killed.Add(victim.Index);
            steps.Add(await KillInstanceAsync(docker, recorder, load, victim));
        }

        steps.Add(await KillAgentAsync(agents, recorder, load));

        // A little traffic after the last recovery, so the totals cover the platform settled again.
        var settled = load.Requests + (options.Workers * 50);
        await WaitForAsync(() => load.Requests >= settled, "the load to go on after the last recovery");
        await load.StopAsync();
        return new ChaosReport(options.App, steps, load.Requests, load.Non2xx, load.Errors, load.FailureSamples);
    }

    private async Task<ChaosStep> KillInstanceAsync(DockerSocketClient docker, AppStateRecorder recorder, ChaosLoad load, InstanceDetail victim)
    {
        var containers = await docker.ContainersOfInstanceAsync(victim.InstanceId, invocation.CancellationToken);
        if (containers.Count == 0)
        {
            throw new CliException($"no running container carries minipaas.instance={victim.InstanceId} ({options.App}[{victim.Index}])");
        }

        var at = ElapsedMs();
        await docker.KillAsync(containers[0], invocation.CancellationToken);
        invocation.Say($"{At(at)} docker kill {options.App}[{victim.Index}] (container {containers[0][..12]} on {victim.NodeId})");

        double? noticed = null, running = null, routable = null;
        var detail = "";
        var replacementPort = -1;
        await WaitForAsync(
            () =>
            {
                noticed ??= recorder.First(at, d => Instance(d, victim.Index) is not { } i || !SameRunning(i, victim))?.AtMs;
                if (noticed is not null && running is null && recorder.First(noticed.Value, d => Instance(d, victim.Index) is { } i && i.State == InstanceState.Running && !SameRunning(i, victim)) is { } up)
                {
                    running = up.AtMs;
                    var replacement = Instance(up.Detail, victim.Index)!;
                    detail = $"restarts {replacement.Restarts}, {replacement.NodeId} {replacement.Address}";
                    replacementPort = PortOf(replacement.Address);
                }

                if (running is not null)
                {
                    routable = load.FirstAnswer(victim.Index, replacementPort, noticed!.Value);
                }

                return routable is not null;
            },
            $"{options.App}[{victim.Index}] to be replaced and routable",
            throwOnTimeout: false);
        return new ChaosStep("instance kill", $"{options.App}[{victim.Index}] on {victim.NodeId}", at, noticed, running, routable, detail);
    }

    private async Task<ChaosStep> KillAgentAsync(IReadOnlyList<ComponentRecord> agents, AppStateRecorder recorder, ChaosLoad load)
    {
        var current = await invocation.Controller.GetAppAsync(options.App, invocation.CancellationToken);
        var agentNames = agents.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);

        // The agent running the most of the app's instances: the hardest case for the platform.
        var node = current.Instances.Where(i => i.State == InstanceState.Running && agentNames.Contains(i.NodeId))
            .GroupBy(i => i.NodeId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key
            ?? throw new CliException($"no instance of {options.App} runs on an agent `up` started");
        var victims = current.Instances.Where(i => i.NodeId == node && i.State == InstanceState.Running).ToList();
        var record = agents.Single(a => a.Name == node);
        var pid = new ProcessSupervisor(invocation.Home, _time).FindRunning(node, record.Argv)
            ?? throw new CliException($"{node}: its recorded pid does not run the agent `up` started; run `minipaas up` first");

        var at = ElapsedMs();
        if (!LibC.SendSignal(pid, LibC.SigKill))
        {
            throw new CliException($"{node}: kill -9 {pid} failed");
        }

        invocation.Say($"{At(at)} kill -9 {node} (pid {pid}, running {string.Join(", ", victims.Select(v => $"[{v.Index}]"))})");

        double? noticed = null, running = null, routable = null;
        var ports = new Dictionary<int, int>();
        await WaitForAsync(
            () =>
            {
                noticed ??= recorder.First(at, d => victims.Any(v => Instance(d, v.Index) is not { } i || !SameRunning(i, v)))?.AtMs;
                if (noticed is not null && running is null
                    && recorder.First(noticed.Value, d => victims.All(v => Instance(d, v.Index) is { } i && i.State == InstanceState.Running && i.NodeId != node)) is { } up)
                {
                    running = up.AtMs;
                    foreach (var v in victims)
                    {
                        ports[v.Index] = PortOf(Instance(up.Detail, v.Index)!.Address);
                    }
                }

                if (running is not null)
                {
                    var firsts = victims.Select(v => load.FirstAnswer(v.Index, ports[v.Index], noticed!.Value)).ToList();
                    routable = firsts.All(f => f is not null) ? firsts.Max() : null;
                }

                return routable is not null;
            },
            $"{node}'s instances to run and be routable elsewhere",
            throwOnTimeout: false);
        var detail = $"{victims.Count} instance(s) moved; {node} stays down until `minipaas up`";
        return new ChaosStep("agent SIGKILL", node, at, noticed, running, routable, detail);
    }

    private async Task WaitForAsync(Func<bool> condition, string what, bool throwOnTimeout = true)
    {
        var done = await Poll.UntilAsync(condition, options.StepTimeout, PollInterval, _time, invocation.CancellationToken);
        if (!done && throwOnTimeout)
        {
            throw new CliException($"timed out after {options.StepTimeout.TotalSeconds:0} s waiting for {what}");
        }

        if (!done)
        {
            invocation.Say($"{At(ElapsedMs())} gave up after {options.StepTimeout.TotalSeconds:0} s waiting for {what}");
        }
    }

    private double ElapsedMs() => _time.GetElapsedTime(_startedAt).TotalMilliseconds;

    private static string At(double ms) => $"+{ms.ToString("0", CultureInfo.InvariantCulture)} ms";

    private static InstanceDetail? Instance(AppDetail detail, int index) => detail.Instances.FirstOrDefault(i => i.Index == index);

    /// <summary>The very same running container as before: same instance, not restarted, same address.</summary>
    private static bool SameRunning(InstanceDetail now, InstanceDetail before) =>
        now.State == InstanceState.Running && now.InstanceId == before.InstanceId && now.Restarts == before.Restarts && now.Address == before.Address;

    private static int PortOf(string address) =>
        int.TryParse(address.AsSpan(address.LastIndexOf(':') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : -1;

    /// <summary>The Docker socket the agent was started with, so the demo kills on the engine the platform uses.</summary>
    private static string DockerSocketOf(ComponentRecord agent)
    {
        const string Prefix = "--MiniPaas:Agent:DockerSocket=";
        return agent.Argv.FirstOrDefault(a => a.StartsWith(Prefix, StringComparison.Ordinal))?[Prefix.Length..] ?? DockerEngine.DefaultSocket;
    }
}
