using MiniPaas.Agent.Instances;

namespace MiniPaas.Agent.Tests.Instances;

public sealed class InstanceKillPolicyTests
{
    [Fact]
    public void ShouldKill_GenerationGrewOverLastSeen_Kills()
    {
        Assert.True(InstanceKillPolicy.ShouldKill(lastSeen: 0, requested: 1));
        Assert.True(InstanceKillPolicy.ShouldKill(lastSeen: 2, requested: 3));
    }

    [Fact]
    public void ShouldKill_SameGeneration_DoesNotKillAgain()
    {
        Assert.False(InstanceKillPolicy.ShouldKill(lastSeen: 1, requested: 1));
    }

    [Fact]
    public void ShouldKill_FirstSightWithARequest_DoesNotKill()
    {
        // An instance adopted or started with a non-zero number: the request is older than this agent's view.
        Assert.False(InstanceKillPolicy.ShouldKill(lastSeen: null, requested: 4));
    }

    [Fact]
    public void ShouldKill_GenerationWentDownAfterSchedulerRestart_DoesNotKill()
    {
        Assert.False(InstanceKillPolicy.ShouldKill(lastSeen: 3, requested: 0));
    }
}
