using MiniPaas.Cli.Output;
using MiniPaas.Contracts.V1;

namespace MiniPaas.Cli.Tests.Output;

public sealed class InstanceProgressTests
{
    [Fact]
    public void Describe_MixedStates_CountsEachState()
    {
        var app = App(3, (InstanceState.Running, 2), (InstanceState.Running, 2), (InstanceState.Starting, 2));

        Assert.Equal("instances: 2/3 running, 1 starting", InstanceProgress.Describe(app, 2));
        Assert.False(InstanceProgress.IsComplete(app, 2));
    }

    [Fact]
    public void Describe_OldReleaseStillDraining_CountedApartAndNotBlocking()
    {
        var app = App(2, (InstanceState.Running, 2), (InstanceState.Running, 2), (InstanceState.Running, 1));

        Assert.Equal("instances: 2/2 running, 1 of an older release", InstanceProgress.Describe(app, 2));
        Assert.True(InstanceProgress.IsComplete(app, 2));
    }

    [Fact]
    public void IsComplete_OnlyTheOldReleaseRunning_False()
    {
        var app = App(2, (InstanceState.Running, 1), (InstanceState.Running, 1), (InstanceState.Starting, 2));

        Assert.False(InstanceProgress.IsComplete(app, 2));
    }

    [Fact]
    public void IsComplete_AllDesiredRunningTheNewRelease_True()
    {
        var app = App(2, (InstanceState.Running, 2), (InstanceState.Running, 2), (InstanceState.Stopped, 1));

        Assert.True(InstanceProgress.IsComplete(app, 2));
        Assert.Equal("instances: 2/2 running, 1 of an older release", InstanceProgress.Describe(app, 2));
    }

    [Fact]
    public void IsComplete_StoppedApp_True()
    {
        var app = App(3);
        app.Summary.State = "stopped";

        Assert.True(InstanceProgress.IsComplete(app, 1));
    }

    [Fact]
    public void IsComplete_CrashedInstance_False()
    {
        var app = App(1, (InstanceState.Crashed, 1));

        Assert.False(InstanceProgress.IsComplete(app, 1));
        Assert.Equal("instances: 0/1 running, 1 crashed", InstanceProgress.Describe(app, 1));
    }

    private static AppDetail App(int desired, params (InstanceState State, int Release)[] instances)
    {
        var app = new AppDetail { Summary = new AppSummary { Name = "hello", State = "started", DesiredInstances = desired } };
        for (var i = 0; i < instances.Length; i++)
        {
            app.Instances.Add(new InstanceDetail { Index = i, State = instances[i].State, ReleaseVersion = instances[i].Release });
        }

        return app;
    }
}
