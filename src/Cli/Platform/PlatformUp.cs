using System.Diagnostics;
using System.Globalization;
using MiniPaas.Cli.Api;
using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Dashboard;
using MiniPaas.Cli.Hosting;

namespace MiniPaas.Cli.Platform;

/// <summary>
/// PlatformUp brings the platform up on this machine: a Docker engine (installed and started when
/// none answers), the tokens in config.json, then registry → scheduler → agents, each started in
/// the background and awaited until it does its job. Components already running with the same
/// settings are left alone, so <c>up</c> can be repeated safely.
/// </summary>
internal sealed class PlatformUp(Invocation invocation, PlatformLayout layout, BuildOutputs build)
{
    /// <summary>How long one component may take to become ready. Default 90 s (a cold dotnet start on a busy 2-core machine is slow).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan ReadyPollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs every step; returns what runs where.</summary>
    public async Task<PlatformReport> RunAsync()
    {
        var cancellationToken = invocation.CancellationToken;
        var time = invocation.Context.Time;
        var supervisor = new ProcessSupervisor(layout.Home, time);
        var state = PlatformState.Load(layout.Home);
        Directory.CreateDirectory(layout.Home);

        await EnsureDockerAsync(supervisor, state, cancellationToken);

        var config = PlatformConfig.Load(layout.Home) ?? new PlatformConfig();
        var generated = PlatformSecrets.EnsureTokens(config);
        if (string.IsNullOrWhiteSpace(config.BrokerPassword))
        {
            // Separate from the tokens: a config written before the broker existed gains only this.
            config.BrokerPassword = PlatformSecrets.NewToken();
        }
        config.Api = layout.SchedulerUrl.GetLeftPart(UriPartial.Authority);
        config.Registry = layout.RegistryUrl.GetLeftPart(UriPartial.Authority);
        config.Router = layout.RouterUrl.GetLeftPart(UriPartial.Authority);
        config.LogsApi = layout.LogsUrl.GetLeftPart(UriPartial.Authority);
        config.Broker = layout.BrokerUrl.GetLeftPart(UriPartial.Authority);
        config.Dashboard = layout.DashboardUrl.GetLeftPart(UriPartial.Authority);
        config.Save(layout.Home);
        var configPath = Path.Combine(layout.Home, PlatformConfig.FileName);
        invocation.Say(generated ? $"tokens: generated, in {configPath} (mode 0600)" : $"tokens: reusing {configPath}");

        var connection = new ConnectionSettings(layout.SchedulerUrl, config.AdminToken, configPath, configPath);
        using var controller = new ControllerClient(connection, time) { UnaryTimeout = TimeSpan.FromSeconds(5) };
        var rows = new List<ComponentStatus>();
        foreach (var component in PlatformComponents.All(layout, config, build, () => controller))
        {
            var pid = await EnsureRunningAsync(component, supervisor, state, cancellationToken);
            rows.Add(new ComponentStatus(component.Name, component.Address, pid, supervisor.LogFile(component.Name)));
        }

        // The broker comes last: registering it needs the scheduler, and `marketplace` works right after `up`.
        var broker = BrokerComponent.Create(layout, config, build);
        var brokerPid = await EnsureRunningAsync(broker, supervisor, state, cancellationToken);
        rows.Add(new ComponentStatus(broker.Name, broker.Address, brokerPid, supervisor.LogFile(broker.Name)));
        await BrokerComponent.RegisterAsync(layout, config, connection, time, invocation.Say, cancellationToken);

        try
        {
            var login = await DashboardLogin.CreateLinkAsync(layout.DashboardUrl, config.AdminToken!, cancellationToken);
            return new PlatformReport(layout.Home, configPath, connection, rows) { DashboardLoginUrl = login.Url };
        }
        catch (CliException e)
        {
            // The platform itself is up; a missing login link must not make `up` fail.
            return new PlatformReport(layout.Home, configPath, connection, rows) { DashboardProblem = e.Message };
        }
    }

    private async Task EnsureDockerAsync(ProcessSupervisor supervisor, PlatformState state, CancellationToken cancellationToken)
    {
        var engine = new DockerEngine(layout.DockerSocket, invocation.Context.Time);
        var reason = await engine.PingAsync(cancellationToken);
        if (reason is null)
        {
            invocation.Say($"docker engine: answering on {layout.DockerSocket}");
            return;
        }

        if (layout.DockerSocket != DockerEngine.DefaultSocket)
        {
            throw new CliException($"no Docker engine answers on {layout.DockerSocket} ({reason}); start one there, or use the default socket so `up` can start it");
        }

        invocation.Say($"docker engine: not answering ({reason})");
        var dockerd = DockerEngine.FindDockerd();
        if (dockerd is null)
        {
            await DockerEngine.InstallAsync(supervisor.LogFile("apt-get"), invocation.Say, cancellationToken);
            dockerd = DockerEngine.FindDockerd() ?? throw new CliException("docker.io was installed but dockerd is still not on PATH");
        }

        var argv = DockerEngine.DockerdArgv(dockerd);
        var pid = supervisor.FindRunning(DockerEngine.ProcessName, argv);
        if (pid is null)
        {
            invocation.Say($"docker engine: starting {string.Join(' ', argv)} (log: {supervisor.LogFile(DockerEngine.ProcessName)})");
            pid = await supervisor.StartAsync(new ProcessLaunch { Name = DockerEngine.ProcessName, Argv = argv }, cancellationToken);
            state.Record(new ComponentRecord { Name = DockerEngine.ProcessName, Argv = argv, Address = layout.DockerSocket });
            state.Save(layout.Home);
        }

        var started = Stopwatch.StartNew();
        var dockerdPid = pid.Value;
        await engine.WaitUntilAnsweringAsync(() => ProcFs.IsAlive(dockerdPid), supervisor.Tail(DockerEngine.ProcessName, 15), cancellationToken);
        invocation.Say($"docker engine: answering after {Seconds(started.Elapsed)}");
    }

    private async Task<int> EnsureRunningAsync(PlatformComponent component, ProcessSupervisor supervisor, PlatformState state, CancellationToken cancellationToken)
    {
        var argv = component.Launch.Argv;
        var label = component.Name.PadRight(10);
        if (supervisor.FindRunning(component.Name, argv) is { } running)
        {
            await WaitUntilReadyAsync(component, running, supervisor, cancellationToken);
            invocation.Say($"{label} already running (pid {running}) on {component.Address}");
            return running;
        }

        if (supervisor.ReadPid(component.Name) is { } other && state.Find(component.Name) is { } recorded && ProcFs.Runs(other, recorded.Argv))
        {
            throw new CliException(
                $"{component.Name} is already running (pid {other}) with other settings than this `up` asks for; run `minipaas down` first");
        }

        foreach (var (port, flag) in component.Ports)
        {
            if (!ReadinessProbes.IsPortFree(layout.Host, port))
            {
                throw new CliException(
                    $"{component.Name}: port {port} on {layout.Host} is already in use by another program; free it or choose another with {flag}");
            }
        }

        invocation.Say($"{label} starting on {component.Address} (log: {supervisor.LogFile(component.Name)})");
        var started = Stopwatch.StartNew();
        var pid = await supervisor.StartAsync(component.Launch, cancellationToken);
        state.Record(new ComponentRecord { Name = component.Name, Argv = argv, Address = component.Address });
        state.Save(layout.Home);
        await WaitUntilReadyAsync(component, pid, supervisor, cancellationToken);
        invocation.Say($"{label} ready in {Seconds(started.Elapsed)} (pid {pid}, {component.ReadyWhen})");
        return pid;
    }

    private async Task WaitUntilReadyAsync(PlatformComponent component, int pid, ProcessSupervisor supervisor, CancellationToken cancellationToken)
    {
        var exited = false;
        var ready = await Poll.UntilAsync(
            async ct =>
            {
                if (!ProcFs.IsAlive(pid))
                {
                    exited = true;
                    return true;
                }

                return await component.IsReady(ct);
            },
            ReadyTimeout,
            ReadyPollInterval,
            invocation.Context.Time,
            cancellationToken);
        var log = supervisor.LogFile(component.Name);
        if (exited)
        {
            throw new CliException($"{component.Name} exited while starting; the end of {log}:{Environment.NewLine}{supervisor.Tail(component.Name, 20)}");
        }

        if (!ready)
        {
            throw new CliException(
                $"{component.Name} (pid {pid}) was not {component.ReadyWhen} after {Seconds(ReadyTimeout)}; it is left running for inspection " +
                $"(`minipaas down` stops it); the end of {log}:{Environment.NewLine}{supervisor.Tail(component.Name, 20)}");
        }
    }

    private static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + "s";
}
