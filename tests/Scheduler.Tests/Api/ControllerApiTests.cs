using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Api;

public sealed class ControllerApiTests : ApiTestBase
{
    [Fact]
    public async Task GetPlatformInfo_NoToken_Unauthenticated()
    {
        using var anonymous = Host.Channel(token: null);

        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.UnaryAsync(Methods.GetPlatformInfo, new PlatformInfoRequest(), Deadline()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("missing authorization", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPlatformInfo_WrongOrNodeToken_Unauthenticated()
    {
        using var wrong = Host.Channel("not-the-token");
        using var node = Host.Channel(SchedulerTestHost.NodeToken);

        var wrongError = await Assert.ThrowsAsync<RpcException>(() => wrong.UnaryAsync(Methods.GetPlatformInfo, new PlatformInfoRequest(), Deadline()));
        var nodeError = await Assert.ThrowsAsync<RpcException>(() => node.UnaryAsync(Methods.ListApps, new ListAppsRequest(), Deadline()));

        Assert.Equal(StatusCode.Unauthenticated, wrongError.StatusCode);
        Assert.Equal("invalid admin token", wrongError.Detail);
        Assert.Equal(StatusCode.Unauthenticated, nodeError.StatusCode);
    }

    [Fact]
    public async Task GetPlatformInfo_AdminToken_DescribesThePlatform()
    {
        var info = await Admin.UnaryAsync(Methods.GetPlatformInfo, new PlatformInfoRequest(), Deadline());

        Assert.Equal("localhost", info.AppsDomain);
        Assert.Equal("127.0.0.1:8080", info.RouterAddress);
        Assert.Equal("127.0.0.1:5000", info.RegistryAddress);
        Assert.False(string.IsNullOrEmpty(info.Version));
    }

    [Fact]
    public async Task GetApp_InvalidName_InvalidArgumentNamingIt()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => GetAppAsync("Bad_Name"));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("invalid app name 'Bad_Name'", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppCalls_UnknownApp_NotFoundNamingIt()
    {
        var get = await Assert.ThrowsAsync<RpcException>(() => GetAppAsync("ghost"));
        var scale = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.Scale, new ScaleRequest { App = "ghost", Instances = 1 }, Deadline()));
        var delete = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.DeleteApp, new DeleteAppRequest { App = "ghost" }, Deadline()));

        Assert.All(new[] { get, scale, delete }, e =>
        {
            Assert.Equal(StatusCode.NotFound, e.StatusCode);
            Assert.Equal("app 'ghost' not found", e.Detail);
        });
    }

    [Fact]
    public async Task Scale_OutOfRange_InvalidArgumentAndNothingChanges()
    {
        await SeedAppAsync("web", 2);

        var tooMany = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.Scale, new ScaleRequest { App = "web", Instances = 101 }, Deadline()));
        var negative = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.Scale, new ScaleRequest { App = "web", Instances = -1 }, Deadline()));

        Assert.Equal(StatusCode.InvalidArgument, tooMany.StatusCode);
        Assert.Contains("between 0 and 100", tooMany.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, negative.StatusCode);
        Assert.Equal(2, (await GetAppAsync("web")).Summary.DesiredInstances);
    }

    [Fact]
    public async Task Scale_NoNodes_ReportsWhyInstancesCannotBePlaced()
    {
        await SeedAppAsync("web", 1);

        var events = await Admin.UnaryAsync(Methods.ListEvents, new ListEventsRequest { App = "web" }, Deadline());

        Assert.Contains(events.Events, e => e.Kind == "instance.unplaceable" && e.Message.Contains("no node fits", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopStartRestartDelete_ChangeDesiredStateAndRecordEvents()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        await SeedAppAsync("web", 2);
        await WaitRunningAsync("web", 2);
        var firstIds = (await GetAppAsync("web")).Instances.Select(i => i.InstanceId).ToHashSet();

        var stopped = await Admin.UnaryAsync(Methods.SetAppState, new SetAppStateRequest { App = "web", Started = false }, Deadline());
        Assert.Equal("stopped", stopped.Summary.State);
        await Eventually.WaitAsync(() => GetAppAsync("web"), d => d.Instances.Count == 0, "instances to stop");
        var restartStopped = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.RestartApp, new RestartAppRequest { App = "web" }, Deadline()));
        Assert.Equal(StatusCode.FailedPrecondition, restartStopped.StatusCode);

        await Admin.UnaryAsync(Methods.SetAppState, new SetAppStateRequest { App = "web", Started = true }, Deadline());
        var started = await WaitRunningAsync("web", 2);
        await Admin.UnaryAsync(Methods.RestartApp, new RestartAppRequest { App = "web" }, Deadline());
        var restartedIds = started.Instances.Select(i => i.InstanceId).ToHashSet();
        var restarted = await Eventually.WaitAsync(
            () => GetAppAsync("web"),
            d => d.Instances.Count == 2 && d.Instances.All(i => i.State == InstanceState.Running && !restartedIds.Contains(i.InstanceId)),
            "rolling restart to replace both instances");
        Assert.DoesNotContain(restarted.Instances, i => firstIds.Contains(i.InstanceId));

        await Admin.UnaryAsync(Methods.DeleteApp, new DeleteAppRequest { App = "web" }, Deadline());
        Assert.Empty((await Admin.UnaryAsync(Methods.ListApps, new ListAppsRequest(), Deadline())).Apps);
        await Eventually.WaitAsync(() => Task.FromResult(agent.Latest), s => s is not null && s.Assignments.Count == 0, "the node's set to empty");
        var kinds = (await Admin.UnaryAsync(Methods.ListEvents, new ListEventsRequest { App = "web" }, Deadline())).Events.Select(e => e.Kind).ToList();
        Assert.Contains("app.stopped", kinds);
        Assert.Contains("app.started", kinds);
        Assert.Contains("app.restarted", kinds);
        Assert.Contains("app.deleted", kinds);
    }

    [Fact]
    public async Task WatchApp_Scale_StreamsEachChange()
    {
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        await SeedAppAsync("web", 1);
        await WaitRunningAsync("web", 1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var watch = Admin.ServerStreaming(Methods.WatchApp, new GetAppRequest { App = "web" }, new CallOptions { CancellationToken = cancel.Token });
        var stream = watch.ResponseStream.GetAsyncEnumerator(cancel.Token);
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal(1, stream.Current.Summary.RunningInstances);

        await Admin.UnaryAsync(Methods.Scale, new ScaleRequest { App = "web", Instances = 3 }, Deadline());

        while (stream.Current.Summary.RunningInstances < 3)
        {
            Assert.True(await stream.MoveNextAsync());
        }

        Assert.Equal(3, stream.Current.Instances.Count);
        Assert.All(stream.Current.Instances, i => Assert.StartsWith("127.0.0.11:", i.Address, StringComparison.Ordinal));
        Assert.Equal("http://web.localhost:8080", Assert.Single(stream.Current.Summary.Urls));
        await cancel.CancelAsync();
    }

    [Fact]
    public async Task WatchApp_UnknownApp_NotFound()
    {
        using var watch = Admin.ServerStreaming(Methods.WatchApp, new GetAppRequest { App = "ghost" }, Deadline());

        var error = await Assert.ThrowsAsync<RpcException>(async () => await watch.ResponseStream.GetAsyncEnumerator().MoveNextAsync());

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Rollback_UnknownVersionOrNothingBefore_ClearErrors()
    {
        await SeedAppAsync("web", 0);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.Rollback, new RollbackRequest { App = "web", ToVersion = 9 }, Deadline()));
        var nothingBefore = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(Methods.Rollback, new RollbackRequest { App = "web" }, Deadline()));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("release v9 of app 'web' not found", unknown.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, nothingBefore.StatusCode);
    }

    private Task<AppDetail> WaitRunningAsync(string app, int count) => Eventually.WaitAsync(
        () => GetAppAsync(app),
        d => d.Summary.RunningInstances == count && d.Instances.Count == count,
        $"{count} running instances of {app}");
}
