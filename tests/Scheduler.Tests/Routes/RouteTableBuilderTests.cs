using Microsoft.Extensions.Options;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Routes;

namespace MiniPaas.Scheduler.Tests.Routes;

public sealed class RouteTableBuilderTests
{
    private static readonly RouteAddresses Addresses = new(Options.Create(new SchedulerOptions { AdminToken = "t", AppsDomain = "apps.test" }));

    private static readonly Dictionary<string, NodeRecord> Nodes = new(StringComparer.Ordinal)
    {
        ["node-1"] = new NodeRecord { NodeId = "node-1", Address = "127.0.0.11" },
        ["node-2"] = new NodeRecord { NodeId = "node-2", Address = "127.0.0.12" },
        ["node-3"] = new NodeRecord { NodeId = "node-3", Address = "127.0.0.13", State = NodeState.Lost },
    };

    [Fact]
    public void Build_MixedInstances_OnlyRunningOnReadyNodesAreDestinations()
    {
        InstanceRecord[] instances =
        [
            Instance("web-0a", 0, "node-1", Scheduler.Domain.InstanceState.Running, 61001),
            Instance("web-1a", 1, "node-2", Scheduler.Domain.InstanceState.Starting, 61501),
            Instance("web-2a", 2, "node-1", Scheduler.Domain.InstanceState.Crashed, 61002),
            Instance("web-3a", 3, "node-3", Scheduler.Domain.InstanceState.Running, 62001),
            Instance("web-4a", 4, "node-2", Scheduler.Domain.InstanceState.Running, 61502) with { Desired = DesiredStatus.Stop },
            Instance("web-5a", 5, "node-9", Scheduler.Domain.InstanceState.Running, 61503),
        ];

        var table = RouteTableBuilder.Build([App("web")], [], instances, Nodes, Addresses);

        var destination = Assert.Single(Assert.Single(table.Apps).Destinations);
        Assert.Equal(("web-0a", 0, "127.0.0.11:61001"), (destination.InstanceId, destination.Index, destination.Address));
    }

    [Fact]
    public void Build_RollingDeploy_OldAndNewReleaseBothServe()
    {
        InstanceRecord[] instances =
        [
            Instance("web-0new", 0, "node-2", Scheduler.Domain.InstanceState.Running, 61501) with { ReleaseVersion = 2, Deployment = 2 },
            Instance("web-0old", 0, "node-1", Scheduler.Domain.InstanceState.Running, 61001),
            Instance("web-1old", 1, "node-1", Scheduler.Domain.InstanceState.Running, 61002),
        ];

        var table = RouteTableBuilder.Build([App("web")], [], instances, Nodes, Addresses);

        Assert.Equal(["web-0new", "web-0old", "web-1old"], table.Apps[0].Destinations.Select(d => d.InstanceId));
    }

    [Fact]
    public void Build_AppsWithRoutes_DefaultRouteFirstThenMappedSortedAndSettings()
    {
        var api = App("api") with { LoadBalancing = LoadBalancingPolicies.LeastRequests, StickySessions = true };
        RouteRecord[] routes =
        [
            new() { App = "web", Host = "www.example.com", PathPrefix = "" },
            new() { App = "api", Host = "www.example.com", PathPrefix = "/api" },
            new() { App = "web", Host = "a.example.com", PathPrefix = "" },
        ];

        var table = RouteTableBuilder.Build([App("web"), api], routes, [], Nodes, Addresses);

        Assert.Equal(["api", "web"], table.Apps.Select(a => a.App));
        Assert.Equal(["api.apps.test", "www.example.com/api"], table.Apps[0].Matches.Select(m => m.Host + m.PathPrefix));
        Assert.Equal(["web.apps.test", "a.example.com", "www.example.com"], table.Apps[1].Matches.Select(m => m.Host + m.PathPrefix));
        Assert.Equal(("least_requests", true), (table.Apps[0].LoadBalancing, table.Apps[0].StickySessions));
        Assert.Equal(("round_robin", false), (table.Apps[1].LoadBalancing, table.Apps[1].StickySessions));
        Assert.Empty(table.Apps[1].Destinations);
    }

    [Fact]
    public void Build_SameStateInAnyOrder_SameBytes()
    {
        InstanceRecord[] instances =
        [
            Instance("web-0a", 0, "node-1", Scheduler.Domain.InstanceState.Running, 61001),
            Instance("web-1a", 1, "node-2", Scheduler.Domain.InstanceState.Running, 61501),
        ];
        RouteRecord[] routes =
        [
            new() { App = "web", Host = "b.example.com" },
            new() { App = "web", Host = "a.example.com" },
        ];

        var one = RouteTableBuilder.Build([App("web"), App("api")], routes, instances, Nodes, Addresses);
        var two = RouteTableBuilder.Build([App("api"), App("web")], routes.Reverse(), instances.Reverse(), Nodes, Addresses);

        Assert.Equal(Google.Protobuf.MessageExtensions.ToByteArray(one), Google.Protobuf.MessageExtensions.ToByteArray(two));
    }

    private static AppRecord App(string name) => new() { Name = name, CurrentReleaseVersion = 1, Deployment = 1 };

    private static InstanceRecord Instance(string id, int index, string node, Scheduler.Domain.InstanceState actual, int port) => new()
    {
        InstanceId = id,
        App = "web",
        Index = index,
        ReleaseVersion = 1,
        Deployment = 1,
        NodeId = node,
        Actual = actual,
        Port = port,
    };
}
