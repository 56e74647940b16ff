using MiniPaas.Agent.Instances;
using MiniPaas.Agent.Tests.Support;
using MiniPaas.Contracts.V1;
using MiniPaas.Docker;
using Xunit.Abstractions;

namespace MiniPaas.Agent.Tests.Integration;

/// <summary>
/// The agent against the real Docker engine and a fake scheduler speaking real gRPC: assignments
/// in, containers and reports out. Each test has its own loopback address (127.0.0.31-37), node id
/// and port range; containers are labelled with both and removed afterwards.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class AgentDockerTests(BusyboxImage image, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan EventDeadline = TimeSpan.FromSeconds(15);

    private readonly AgentTestBed _bed = new(image.Docker, output);
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };

    private DockerClient Docker => image.Docker;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task Agent_AssignedInstance_ReportsRunningServesHttpAndReportsKillAsCrashed137()
    {
        var (scheduler, agent) = await StartAsync("127.0.0.31");
        var instanceId = NewInstanceId();

        scheduler.Push(Web(instanceId));
        var running = await WaitForReportAsync(scheduler, instanceId, InstanceState.Running, StartDeadline);

        Assert.InRange(running.Port, agent.Settings.PortRangeStart, agent.Settings.PortRangeEnd);
        Assert.Equal(InstanceState.Starting, scheduler.ReportsFor(instanceId)[0].State);
        Assert.Equal("ok\n", await _http.GetStringAsync($"http://127.0.0.31:{running.Port}/"));

        var registration = Assert.Single(scheduler.Registrations);
        Assert.Equal(agent.Settings.NodeId, registration.NodeId);
        Assert.Equal("127.0.0.31", registration.Address);
        Assert.Equal(agent.Settings.PortRangeStart, registration.PortRangeStart);
        Assert.Equal(agent.Settings.PortRangeEnd, registration.PortRangeEnd);
        Assert.Equal(4096, registration.Capacity.MemoryMb);
        Assert.Equal("test", registration.Labels["zone"]);
        Assert.Empty(registration.Running);

        var container = await Docker.InspectContainerAsync(running.ContainerId);
        Assert.NotNull(container);
        Assert.Equal($"/minipaas-{agent.Settings.NodeId}-web-0-{instanceId[..8]}", container.Name);
        Assert.Equal("host", container.HostConfig.NetworkMode);
        Assert.Equal(32L * 1024 * 1024, container.HostConfig.Memory);
        Assert.Contains($"PORT={running.Port}", container.Config.Env!);
        Assert.Contains($"CF_INSTANCE_ADDR=127.0.0.31:{running.Port}", container.Config.Env!);
        Assert.Contains("GREETING=hello", container.Config.Env!);
        Assert.Equal(instanceId, container.Config.Labels![InstanceLabels.Instance]);

        await Docker.KillContainerAsync(running.ContainerId);
        var crashed = await WaitForReportAsync(scheduler, instanceId, InstanceState.Crashed, EventDeadline);

        Assert.Equal(137, crashed.ExitCode);
        Assert.Equal("exited with code 137", crashed.Message);
        Assert.Equal(running.ContainerId, crashed.ContainerId);
    }

    [Fact]
    public async Task Agent_InstanceNoLongerAssigned_StopsRemovesContainerAndReportsStopped()
    {
        var (scheduler, _) = await StartAsync("127.0.0.32");
        var instanceId = NewInstanceId();
        scheduler.Push(Web(instanceId));
        var running = await WaitForReportAsync(scheduler, instanceId, InstanceState.Running, StartDeadline);

        scheduler.Push();
        await WaitForReportAsync(scheduler, instanceId, InstanceState.Stopped, EventDeadline);

        Assert.Null(await Docker.InspectContainerAsync(running.ContainerId));
        await Assert.ThrowsAsync<HttpRequestException>(() => _http.GetStringAsync($"http://127.0.0.32:{running.Port}/"));
        Assert.DoesNotContain(scheduler.ReportsFor(instanceId), report => report.State == InstanceState.Crashed);
    }

    [Fact]
    public async Task Agent_RestartGenerationIncreased_ReplacesContainerWithoutReportingACrash()
    {
        var (scheduler, _) = await StartAsync("127.0.0.33");
        var instanceId = NewInstanceId();
        scheduler.Push(Web(instanceId));
        var first = await WaitForReportAsync(scheduler, instanceId, InstanceState.Running, StartDeadline);

        scheduler.Push(Web(instanceId, restartGeneration: 1));
        var second = await Eventually.WaitAsync(
            () => scheduler.ReportsFor(instanceId).LastOrDefault(r => r.State == InstanceState.Running && r.ContainerId != first.ContainerId),
            StartDeadline,
            "RUNNING from a new container");

        Assert.Null(await Docker.InspectContainerAsync(first.ContainerId));
        var container = await Docker.InspectContainerAsync(second.ContainerId);
        Assert.Equal("1", container!.Config.Labels![InstanceLabels.RestartGeneration]);
        Assert.Equal(first.Port, second.Port);
        Assert.Equal("ok\n", await _http.GetStringAsync($"http://127.0.0.33:{second.Port}/"));

        // The engine delivers events in order: once the kill of the new container is reported,
        // the death of the old one (stopped on purpose) has been seen too, and must not have been
        // reported as a crash.
        await Docker.KillContainerAsync(second.ContainerId);
        await WaitForReportAsync(scheduler, instanceId, InstanceState.Crashed, EventDeadline);
        var crash = Assert.Single(scheduler.ReportsFor(instanceId), report => report.State == InstanceState.Crashed);
        Assert.Equal(second.ContainerId, crash.ContainerId);
    }

    [Fact]
    public async Task Agent_Restarted_AdoptsRunningContainerWithoutRestartingIt()
    {
        var (scheduler, agent) = await StartAsync("127.0.0.34");
        var instanceId = NewInstanceId();
        scheduler.Push(Web(instanceId));
        var running = await WaitForReportAsync(scheduler, instanceId, InstanceState.Running, StartDeadline);
        var startedAt = (await Docker.InspectContainerAsync(running.ContainerId))!.State.StartedAt;

        await agent.StopAsync();
        Assert.True((await Docker.InspectContainerAsync(running.ContainerId))!.State.Running, "stopping the agent must leave its containers running");

        await _bed.StartAgentAsync(agent.Settings);
        var registration = await Eventually.WaitAsync(() => scheduler.Registrations.ElementAtOrDefault(1), EventDeadline, "the restarted agent's registration");
        var adopted = Assert.Single(registration.Running);
        Assert.Equal(instanceId, adopted.InstanceId);
        Assert.Equal(running.Port, adopted.Port);
        Assert.Equal(running.ContainerId, adopted.ContainerId);
        Assert.Equal(InstanceState.Running, adopted.State);

        // A second instance shows the adopted port is reserved, and, once it runs, that the
        // restarted agent applied the set holding the adopted one.
        var otherId = NewInstanceId();
        scheduler.Push(Web(instanceId), Web(otherId, index: 1));
        var other = await WaitForReportAsync(scheduler, otherId, InstanceState.Running, StartDeadline);
        Assert.NotEqual(running.Port, other.Port);

        var container = await Docker.InspectContainerAsync(running.ContainerId);
        Assert.True(container!.State.Running);
        Assert.Equal(startedAt, container.State.StartedAt);
        Assert.Single(scheduler.ReportsFor(instanceId), report => report.State == InstanceState.Starting);
        Assert.Equal("ok\n", await _http.GetStringAsync($"http://127.0.0.34:{running.Port}/"));
    }

    [Fact]
    public async Task Agent_ContainerDiedWhileAgentWasDown_ReportsCrashedWithItsExitCodeAfterRestart()
    {
        var (scheduler, agent) = await StartAsync("127.0.0.34");
        var instanceId = NewInstanceId();
        scheduler.Push(Web(instanceId));
        var running = await WaitForReportAsync(scheduler, instanceId, InstanceState.Running, StartDeadline);

        await agent.StopAsync();
        await Docker.KillContainerAsync(running.ContainerId);
        await _bed.StartAgentAsync(agent.Settings);

        var registration = await Eventually.WaitAsync(() => scheduler.Registrations.ElementAtOrDefault(1), EventDeadline, "the restarted agent's registration");
        Assert.Empty(registration.Running);
        var crashed = await WaitForReportAsync(scheduler, instanceId, InstanceState.Crashed, EventDeadline);
        Assert.Equal(137, crashed.ExitCode);
        Assert.Contains("while the agent was not running", crashed.Message);
    }

    [Fact]
    public async Task Agent_SchedulerDownAndRestarted_KeepsInstancesAndDeliversReportsFromTheOutage()
    {
        var (scheduler, _) = await StartAsync("127.0.0.35");
        var crashingId = NewInstanceId();
        var steadyId = NewInstanceId();
        scheduler.Push(Web(crashingId), Web(steadyId, index: 1));
        var crashing = await WaitForReportAsync(scheduler, crashingId, InstanceState.Running, StartDeadline);
        var steady = await WaitForReportAsync(scheduler, steadyId, InstanceState.Running, StartDeadline);

        await scheduler.StopAsync();
        await Docker.KillContainerAsync(crashing.ContainerId);
        await scheduler.RestartAsync();

        var crashed = await WaitForReportAsync(scheduler, crashingId, InstanceState.Crashed, EventDeadline);
        Assert.Equal(137, crashed.ExitCode);
        var registration = scheduler.Registrations[0];
        var stillRunning = Assert.Single(registration.Running);
        Assert.Equal(steadyId, stillRunning.InstanceId);
        Assert.Equal(steady.ContainerId, stillRunning.ContainerId);
        Assert.True((await Docker.InspectContainerAsync(steady.ContainerId))!.State.Running);
        Assert.Equal("ok\n", await _http.GetStringAsync($"http://127.0.0.35:{steady.Port}/"));
    }

    [Fact]
    public async Task Agent_HeartbeatAsksToReregister_RegistersAgainListingItsInstances()
    {
        var (scheduler, _) = await StartAsync("127.0.0.36");
        var instanceId = NewInstanceId();
        scheduler.Push(Web(instanceId, healthCheckType: "port"));
        var running = await WaitForReportAsync(scheduler, instanceId, InstanceState.Running, StartDeadline);
        Assert.Equal("ok\n", await _http.GetStringAsync($"http://127.0.0.36:{running.Port}/"));

        scheduler.ReregisterOnNextHeartbeat = true;
        var registration = await Eventually.WaitAsync(() => scheduler.Registrations.ElementAtOrDefault(1), EventDeadline, "a second registration");

        var listed = Assert.Single(registration.Running);
        Assert.Equal(instanceId, listed.InstanceId);
        Assert.Equal(running.ContainerId, listed.ContainerId);
        Assert.Equal(running.Port, listed.Port);
    }

    [Fact]
    public async Task Agent_ReportCallsRefused_RetriesUntilDeliveredInOrder()
    {
        var (scheduler, _) = await StartAsync("127.0.0.36");
        scheduler.ReportsToRefuse = 3;
        var instanceId = NewInstanceId();

        scheduler.Push(Web(instanceId, healthCheckType: "process"));
        await WaitForReportAsync(scheduler, instanceId, InstanceState.Running, StartDeadline);

        Assert.Equal(0, scheduler.ReportsToRefuse);
        Assert.Equal([InstanceState.Starting, InstanceState.Running], scheduler.ReportsFor(instanceId).Select(r => r.State));
    }

    [Fact]
    public async Task Agent_HealthEndpointNeverAnswers2xx_ReportsCrashedAtStartupTimeoutAndStopsContainer()
    {
        var (scheduler, _) = await StartAsync("127.0.0.37");
        var instanceId = NewInstanceId();
        var assignment = Web(instanceId);
        assignment.HealthCheck = new HealthCheck { Type = "http", Endpoint = "/missing", StartupTimeoutSeconds = 2, IntervalMillis = 200, FailureThreshold = 2 };

        scheduler.Push(assignment);
        var crashed = await WaitForReportAsync(scheduler, instanceId, InstanceState.Crashed, StartDeadline);

        Assert.Contains("startup timeout", crashed.Message);
        Assert.Contains("answered 404", crashed.Message);
        Assert.DoesNotContain(scheduler.ReportsFor(instanceId), report => report.State == InstanceState.Running);
        await Eventually.WaitAsync(
            async () => (await Docker.InspectContainerAsync(crashed.ContainerId))?.State.Running == false ? "stopped" : null,
            EventDeadline,
            "the unhealthy container to be stopped");
    }

    [Fact]
    public async Task Agent_InstanceExceedsItsMemoryLimit_ReportsCrashedOutOfMemory()
    {
        var (scheduler, _) = await StartAsync("127.0.0.37");
        var instanceId = NewInstanceId();
        var assignment = Web(instanceId, healthCheckType: "process");
        assignment.MemoryMb = 8;
        assignment.Command = "x=0123456789abcdef; while true; do x=$x$x; done";

        scheduler.Push(assignment);
        var crashed = await WaitForReportAsync(scheduler, instanceId, InstanceState.Crashed, StartDeadline);

        Assert.Equal(137, crashed.ExitCode);
        Assert.StartsWith("out of memory: killed by the kernel at its 8 MB limit", crashed.Message);
    }

    [Fact]
    public async Task Agent_ImageAbsentAndNoRegistryInReference_ReportsCrashedNamingTheImage()
    {
        var (scheduler, _) = await StartAsync("127.0.0.31");
        var instanceId = NewInstanceId();
        var assignment = Web(instanceId);
        assignment.Image = "minipaas-agent-tests/absent:1";

        scheduler.Push(assignment);
        var crashed = await WaitForReportAsync(scheduler, instanceId, InstanceState.Crashed, StartDeadline);

        Assert.Contains("'minipaas-agent-tests/absent:1' is not present on this node and names no registry", crashed.Message);
    }

    private Task<(FakeScheduler Scheduler, AgentUnderTest Agent)> StartAsync(string address) => _bed.StartAsync(address);

    private Assignment Web(string instanceId, int restartGeneration = 0, int index = 0, string healthCheckType = "http") =>
        TestAssignments.Web(image.Reference, instanceId, restartGeneration, index, healthCheckType);

    private static string NewInstanceId() => TestAssignments.NewInstanceId();

    private static Task<InstanceReport> WaitForReportAsync(FakeScheduler scheduler, string instanceId, InstanceState state, TimeSpan timeout) =>
        scheduler.WaitForReportAsync(instanceId, state, timeout);
}
