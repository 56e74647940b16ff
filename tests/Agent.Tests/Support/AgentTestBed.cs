using MiniPaas.Agent.Instances;
using MiniPaas.Docker;
using Xunit.Abstractions;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>
/// The fake schedulers and agents one test started, and the clean-up of everything they left:
/// agents stopped, schedulers stopped, containers of the test's node ids removed, data directories deleted.
/// </summary>
internal sealed class AgentTestBed(DockerClient docker, ITestOutputHelper output) : IAsyncDisposable
{
    private readonly List<FakeScheduler> _schedulers = [];
    private readonly List<AgentUnderTest> _agents = [];
    private readonly HashSet<string> _nodeIds = [];

    /// <summary>Starts a fake scheduler and an agent on <paramref name="address"/> registered with it.</summary>
    public async Task<(FakeScheduler Scheduler, AgentUnderTest Agent)> StartAsync(string address, Action<FakeScheduler>? configureScheduler = null, IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var scheduler = await FakeScheduler.StartAsync();
        _schedulers.Add(scheduler);
        configureScheduler?.Invoke(scheduler);
        var settings = AgentTestSettings.For(address, scheduler.Address) with { Extra = extraSettings };
        _nodeIds.Add(settings.NodeId);
        return (scheduler, await StartAgentAsync(settings));
    }

    /// <summary>Starts (another) agent with <paramref name="settings"/>, e.g. to play an agent restart.</summary>
    public async Task<AgentUnderTest> StartAgentAsync(AgentTestSettings settings)
    {
        var agent = await AgentUnderTest.StartAsync(settings, output);
        _agents.Add(agent);
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        foreach (var scheduler in _schedulers)
        {
            await scheduler.DisposeAsync();
        }

        foreach (var nodeId in _nodeIds)
        {
            foreach (var container in await docker.ListContainersAsync(all: true, new Dictionary<string, string?> { [InstanceLabels.Node] = nodeId }))
            {
                try
                {
                    await docker.RemoveContainerAsync(container.Id, force: true);
                }
                catch (DockerNotFoundException)
                {
                }
            }

            var dataDirectory = Path.Combine(Path.GetTempPath(), nodeId);
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
