using MiniPaas.Agent.Tests.Support;
using MiniPaas.Contracts.V1;
using MiniPaas.Docker;
using MiniPaas.Logging.Client;
using Xunit.Abstractions;

namespace MiniPaas.Agent.Tests.Integration;

/// <summary>
/// The agent ships container output and instance events to a real, in-process log aggregator:
/// real Docker, the fake scheduler, the real shipper and Ship stream.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class AgentLogShippingTests(BusyboxImage image, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Address = "127.0.0.46";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LogDeadline = TimeSpan.FromSeconds(20);

    private readonly AgentTestBed _bed = new(image.Docker, output);
    private AggregatorUnderTest? _aggregator;

    private DockerClient Docker => image.Docker;

    private AggregatorUnderTest Aggregator => _aggregator!;

    public async Task InitializeAsync() => _aggregator = await AggregatorUnderTest.StartAsync();

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        if (_aggregator is not null)
        {
            await _aggregator.DisposeAsync();
        }
    }

    [Fact]
    public async Task Agent_ContainerWritesStdoutAndStderr_LinesArriveInOrderUnderAppIndexAndKillShipsCellCrash()
    {
        var (scheduler, _) = await _bed.StartAsync(Address, extraSettings: Aggregator.AgentSettings);
        var instanceId = TestAssignments.NewInstanceId();
        var assignment = TestAssignments.Web(image.Reference, instanceId, index: 2);
        assignment.App = "shipper";

        // The pauses make the order across the two streams a fact of the container, not a race
        // between the engine's stdout and stderr copiers.
        assignment.Command = "echo out-1; usleep 100000; echo err-1 >&2; usleep 100000; echo out-2; usleep 100000; "
            + "echo err-2 >&2; usleep 100000; echo out-3; exec busybox httpd -f -p $HOST:$PORT -h /www";
        scheduler.Push(assignment);
        var running = await scheduler.WaitForReportAsync(instanceId, InstanceState.Running, StartDeadline);

        var appLines = await Eventually.WaitAsync(
            async () =>
            {
                var lines = await Aggregator.RecentAsync("shipper", LogSourceTypes.App);
                return lines.Count >= 5 ? lines : null;
            },
            LogDeadline,
            "five APP lines of app shipper");

        Assert.Equal(["out-1", "err-1", "out-2", "err-2", "out-3"], appLines.Select(line => line.Message));
        Assert.Equal(
            [LogOutputStream.Out, LogOutputStream.Err, LogOutputStream.Out, LogOutputStream.Err, LogOutputStream.Out],
            appLines.Select(line => line.Stream));
        Assert.All(appLines, line => Assert.Equal("2", line.SourceInstance));

        await Docker.KillContainerAsync(running.ContainerId);
        var crash = await Eventually.WaitAsync(
            async () => (await Aggregator.RecentAsync("shipper", LogSourceTypes.Cell))
                .FirstOrDefault(line => line.Message.Contains("exited with code 137", StringComparison.Ordinal)),
            LogDeadline,
            "a CELL line with the exit code");

        Assert.Equal("2", crash.SourceInstance);
        Assert.Equal(LogOutputStream.Err, crash.Stream);
        var cell = await Aggregator.RecentAsync("shipper", LogSourceTypes.Cell);
        Assert.Contains(cell, line => line.Message.Contains($"started container {running.ContainerId[..12]}", StringComparison.Ordinal));
        Assert.Contains(cell, line => line.Message.StartsWith("Container became healthy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Agent_RestartedWithRunningContainer_FollowsOnWithoutShippingEarlierLinesTwice()
    {
        var (scheduler, agent) = await _bed.StartAsync(Address, extraSettings: Aggregator.AgentSettings);
        var instanceId = TestAssignments.NewInstanceId();
        var assignment = TestAssignments.Web(image.Reference, instanceId);
        assignment.App = "adopted";

        // One line at start, then one line per second: the restarted agent must go on from where the
        // first one stopped.
        assignment.Command = "echo first-line; (i=0; while true; do i=$((i+1)); echo tick-$i; sleep 1; done) & exec busybox httpd -f -p $HOST:$PORT -h /www";
        scheduler.Push(assignment);
        await scheduler.WaitForReportAsync(instanceId, InstanceState.Running, StartDeadline);
        await Eventually.WaitAsync(
            async () => (await Aggregator.RecentAsync("adopted", LogSourceTypes.App)).FirstOrDefault(line => line.Message == "tick-2"),
            LogDeadline,
            "tick-2 from the first agent");

        await agent.StopAsync();
        await _bed.StartAgentAsync(agent.Settings);
        var before = (await Aggregator.RecentAsync("adopted", LogSourceTypes.App)).Count;
        await Eventually.WaitAsync(
            async () =>
            {
                var lines = await Aggregator.RecentAsync("adopted", LogSourceTypes.App);
                return lines.Count >= before + 2 ? lines : null;
            },
            LogDeadline,
            "ticks from the restarted agent");

        var messages = (await Aggregator.RecentAsync("adopted", LogSourceTypes.App)).Select(line => line.Message).ToList();
        Assert.Single(messages, message => message == "first-line");
        Assert.Equal(messages.Count, messages.Distinct().Count());
    }
}
