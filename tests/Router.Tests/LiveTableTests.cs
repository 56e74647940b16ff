using System.Net;
using MiniPaas.Router.Routing;
using MiniPaas.Router.Tests.Infrastructure;

namespace MiniPaas.Router.Tests;

/// <summary>Route tables change while the router runs, and the scheduler comes and goes.</summary>
public sealed class LiveTableTests
{
    [Fact]
    public async Task PushedTable_AddedDestination_GetsTraffic()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);
        Assert.Equal("a", await router.GetTextAsync("hello.localhost"));

        scheduler.Publish(RouteTables.Of(2, RouteTables.App("hello", a, b)));

        await Eventually.UntilAsync(async () => await router.GetTextAsync("hello.localhost") == "b", "instance b receives traffic");
        Assert.Equal(2, router.Store.Current.Table.Version);
    }

    [Fact]
    public async Task PushedTable_RemovedDestination_StopsGettingTraffic()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a, b)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);
        Assert.Equal(new[] { "a", "b" }, new[] { await router.GetTextAsync("hello.localhost"), await router.GetTextAsync("hello.localhost") }.Order());

        scheduler.Publish(RouteTables.Of(2, RouteTables.App("hello", a)));
        await router.WaitForTableAsync(2);

        var servedByB = b.RequestCount;
        var answers = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await router.GetTextAsync("hello.localhost"));
        }

        Assert.All(answers, answer => Assert.Equal("a", answer));
        Assert.Equal(servedByB, b.RequestCount);
    }

    [Fact]
    public async Task PushedTable_NewApp_IsRoutedAndRemovedAppIsNot()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);

        scheduler.Publish(RouteTables.Of(2, RouteTables.App("other", b)));
        await router.WaitForTableAsync(2);

        Assert.Equal("b", await router.GetTextAsync("other.localhost"));
        var endpoints = router.Services.GetRequiredService<MiniPaas.Router.Proxy.ProxyEndpointDirectory>();
        await Eventually.UntilAsync(() => Task.FromResult(endpoints.TryGet("other/0", out _) && !endpoints.TryGet("hello/0", out _)), "endpoint directory follows YARP's new endpoints");
        using var gone = await router.Client.GetAsync(router.Url("hello.localhost"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task SchedulerDown_KeepsServingLastTable_ThenResynchronisesWhenBack()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        var port = scheduler.Port;
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address);
        await router.WaitForTableAsync(1);
        await Eventually.UntilAsync(() => Task.FromResult(router.Store.SchedulerConnected), "router connected to the scheduler");

        await scheduler.DisposeAsync();
        await Eventually.UntilAsync(() => Task.FromResult(!router.Store.SchedulerConnected), "router notices the scheduler is gone");

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("a", await router.GetTextAsync("hello.localhost"));
        }

        // The scheduler restarts on its usual address with a table that moved the app to another instance.
        // Rebinding can briefly collide with the router's own reconnect attempts on that port (or another test's
        // ephemeral port), so the restart is retried until the deadline, like a supervisor would.
        FakeScheduler? restarted = null;
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                restarted = await FakeScheduler.StartAsync(RouteTables.Of(7, RouteTables.App("hello", b)), port);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }, $"scheduler restarted on port {port}");
        await using var _ = restarted!;

        await Eventually.UntilAsync(async () => await router.GetTextAsync("hello.localhost") == "b", "router picks up the restarted scheduler's table");
        Assert.Equal(7, router.Store.Current.Table.Version);
        Assert.True(router.Store.SchedulerConnected);
    }

    [Fact]
    public async Task StateFile_RouterRestartsWhileSchedulerDown_ServesTheSavedTable()
    {
        var directory = Directory.CreateTempSubdirectory("router-state-");
        try
        {
            var stateFile = Path.Combine(directory.FullName, "routes.json");
            await using var a = await TestBackend.StartAsync("a");
            var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(3, RouteTables.App("hello", a)));
            var schedulerAddress = scheduler.Address;
            await using (var first = await RouterUnderTest.StartAsync(schedulerAddress, ("StateFile", stateFile)))
            {
                await first.WaitForTableAsync(3);
                await Eventually.UntilAsync(() => Task.FromResult(File.Exists(stateFile)), "state file written");
            }

            await scheduler.DisposeAsync();

            await using var second = await RouterUnderTest.StartAsync(schedulerAddress, ("StateFile", stateFile));

            Assert.Equal(RouteTableSource.StateFile, second.Store.Current.Source);
            Assert.Equal(3, second.Store.Current.Table.Version);
            Assert.Equal("a", await second.GetTextAsync("hello.localhost"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WrongToken_NoTableArrives_RequestsGet503SayingSo()
    {
        await using var a = await TestBackend.StartAsync("a");
        await using var scheduler = await FakeScheduler.StartAsync(RouteTables.Of(1, RouteTables.App("hello", a)));
        await using var router = await RouterUnderTest.StartAsync(scheduler.Address, ("Token", "not-the-token"));

        using var response = await router.Client.GetAsync(router.Url("hello.localhost"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("the router has not received a route table from the scheduler yet\n", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, scheduler.Publisher.WatcherCount);
    }
}
