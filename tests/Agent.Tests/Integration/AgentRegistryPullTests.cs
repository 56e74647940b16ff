using MiniPaas.Agent.Tests.Support;
using MiniPaas.Contracts.V1;
using MiniPaas.Docker;
using Xunit.Abstractions;

namespace MiniPaas.Agent.Tests.Integration;

/// <summary>
/// The agent pulling an instance's image by digest from the platform's registry, with the address
/// and token the scheduler's RegisterReply hands out.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class AgentRegistryPullTests(BusyboxImage image, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Token = "agent-test-token";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    private readonly AgentTestBed _bed = new(image.Docker, output);
    private readonly List<string> _pulledReferences = [];
    private TestRegistry? _registry;

    private DockerClient Docker => image.Docker;

    private TestRegistry Registry => _registry ?? throw new InvalidOperationException("Registry not started.");

    public async Task InitializeAsync() => _registry = await TestRegistry.StartAsync(Token);

    public async Task DisposeAsync()
    {
        await _bed.DisposeAsync();
        foreach (var reference in _pulledReferences)
        {
            try
            {
                await Docker.RemoveImageAsync(reference, force: true);
            }
            catch (DockerApiException)
            {
            }
        }

        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }

    [Fact]
    public async Task Agent_ImageOnlyInRegistry_PullsByDigestWithTheSchedulersTokenAndRunsIt()
    {
        var reference = await Registry.PushAsync(image.SaveArchive, "agent-tests/web", "v1");
        _pulledReferences.Add(reference);
        Assert.Null(await Docker.InspectImageAsync(reference));
        var (scheduler, _) = await _bed.StartAsync("127.0.0.31", s =>
        {
            s.RegistryAddress = Registry.Address;
            s.RegistryToken = Token;
        });
        var instanceId = TestAssignments.NewInstanceId();

        scheduler.Push(TestAssignments.Web(reference, instanceId));
        var running = await scheduler.WaitForReportAsync(instanceId, InstanceState.Running, StartDeadline);

        Assert.NotNull(await Docker.InspectImageAsync(reference));
        var container = await Docker.InspectContainerAsync(running.ContainerId);
        Assert.Equal(reference, container!.Config.Image);
    }

    [Fact]
    public async Task Agent_SchedulerHandsOutWrongToken_ReportsCrashedWithThePullError()
    {
        var reference = await Registry.PushAsync(image.SaveArchive, "agent-tests/web", "v2");
        _pulledReferences.Add(reference);
        var (scheduler, _) = await _bed.StartAsync("127.0.0.32", s =>
        {
            s.RegistryAddress = Registry.Address;
            s.RegistryToken = "not-the-token";
        });
        var instanceId = TestAssignments.NewInstanceId();

        scheduler.Push(TestAssignments.Web(reference, instanceId));
        var crashed = await scheduler.WaitForReportAsync(instanceId, InstanceState.Crashed, StartDeadline);

        Assert.StartsWith($"failed to start: pulling image '{reference}' failed:", crashed.Message);
        Assert.Null(await Docker.InspectImageAsync(reference));
    }
}
