using Microsoft.AspNetCore.DataProtection;
using MiniPaas.Contracts.V1;
using MiniPaas.Router.Proxy;
using MiniPaas.Router.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;
using RouteMatch = MiniPaas.Contracts.V1.RouteMatch;

namespace MiniPaas.Router.Tests.Units;

public sealed class ProxyConfigTranslatorTests
{
    private static readonly ProxyConfigSettings Settings = new("minipaas-affinity", TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(42));

    [Fact]
    public void Translate_AppWithTwoMatches_OneClusterAndARoutePerMatch()
    {
        var table = Table(5, App("hello", ["hello.localhost", "Api.LOCALHOST/v2/"], ("i-1", 0, "127.0.0.11:61000"), ("i-2", 1, "127.0.0.12:61500")));

        var translated = ProxyConfigTranslator.Translate(table, Settings);

        Assert.Empty(translated.Problems);
        Assert.Equal(5, translated.Version);
        var cluster = Assert.Single(translated.Clusters);
        Assert.Equal("hello", cluster.ClusterId);
        Assert.Equal("RoundRobin", cluster.LoadBalancingPolicy);
        Assert.Null(cluster.SessionAffinity);
        Assert.Equal(TimeSpan.FromSeconds(42), cluster.HttpRequest!.ActivityTimeout);
        Assert.Equal(["i-1", "i-2"], cluster.Destinations!.Keys.Order());
        Assert.Equal("http://127.0.0.11:61000", cluster.Destinations["i-1"].Address);
        Assert.Equal("1", cluster.Destinations["i-2"].Metadata![ProxyConfigTranslator.InstanceIndexMetadataKey]);
        Assert.Equal(2, translated.DestinationCount);

        Assert.Collection(
            translated.Routes,
            route =>
            {
                Assert.Equal("hello/0", route.RouteId);
                Assert.Equal("hello", route.ClusterId);
                Assert.Equal(["hello.localhost"], route.Match.Hosts!);
                Assert.Equal("/{**catch-all}", route.Match.Path);
                Assert.Equal("Set", Assert.Single(route.Transforms!)["X-Forwarded"]);
            },
            route =>
            {
                Assert.Equal("hello/1", route.RouteId);
                Assert.Equal(["api.localhost"], route.Match.Hosts!);
                Assert.Equal("/v2/{**catch-all}", route.Match.Path);
            });
        Assert.Equal(2, translated.Index.Count);
    }

    [Theory]
    [InlineData("", "RoundRobin")]
    [InlineData("round_robin", "RoundRobin")]
    [InlineData("least_requests", "LeastRequests")]
    [InlineData("power_of_two_choices", "PowerOfTwoChoices")]
    [InlineData("LEAST_REQUESTS", "LeastRequests")]
    public void Translate_LoadBalancingName_MapsToYarpPolicy(string name, string policy)
    {
        var app = App("hello", ["hello.localhost"], ("i-1", 0, "127.0.0.1:1234"));
        app.LoadBalancing = name;

        var translated = ProxyConfigTranslator.Translate(Table(1, app), Settings);

        Assert.Equal(policy, Assert.Single(translated.Clusters).LoadBalancingPolicy);
        Assert.Empty(translated.Problems);
    }

    [Fact]
    public void Translate_UnknownLoadBalancing_FallsBackToRoundRobinAndSaysSo()
    {
        var app = App("hello", ["hello.localhost"], ("i-1", 0, "127.0.0.1:1234"));
        app.LoadBalancing = "fastest";

        var translated = ProxyConfigTranslator.Translate(Table(1, app), Settings);

        Assert.Equal("RoundRobin", Assert.Single(translated.Clusters).LoadBalancingPolicy);
        Assert.Contains("unknown load balancing \"fastest\"", Assert.Single(translated.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Translate_StickySessions_UseCookieAffinityWithTheConfiguredName()
    {
        var app = App("hello", ["hello.localhost"], ("i-1", 0, "127.0.0.1:1234"));
        app.StickySessions = true;

        var affinity = Assert.Single(ProxyConfigTranslator.Translate(Table(1, app), Settings).Clusters).SessionAffinity!;

        Assert.True(affinity.Enabled);
        Assert.Equal("Cookie", affinity.Policy);
        Assert.Equal("Redistribute", affinity.FailurePolicy);
        Assert.Equal("minipaas-affinity", affinity.AffinityKeyName);
        Assert.True(affinity.Cookie!.HttpOnly);
    }

    [Fact]
    public void Translate_PassiveHealth_UsesConnectFailurePolicyAndReactivationPeriod()
    {
        var health = Assert.Single(ProxyConfigTranslator.Translate(Table(1, App("hello", ["hello.localhost"])), Settings).Clusters).HealthCheck!;

        Assert.True(health.Passive!.Enabled);
        Assert.Equal(ProxyConfigTranslator.PassiveHealthPolicyName, health.Passive.Policy);
        Assert.Equal(TimeSpan.FromSeconds(7), health.Passive.ReactivationPeriod);
        Assert.Equal("HealthyAndUnknown", health.AvailableDestinationsPolicy);
    }

    [Fact]
    public void Translate_BadEntries_AreSkippedAndExplained_RestIsRouted()
    {
        var good = App("good", ["good.localhost", "bad host!", "shared.localhost"], ("g-1", 0, "127.0.0.1:1000"), ("g-2", 1, "not an address"), ("g-1", 2, "127.0.0.1:1001"));
        var conflicting = App("zzz", ["shared.localhost"], ("z-1", 0, "127.0.0.1:2000"));
        var duplicate = App("good", ["other.localhost"]);
        var unnamed = App(" ", ["x.localhost"]);

        var translated = ProxyConfigTranslator.Translate(Table(1, good, conflicting, duplicate, unnamed), Settings);

        Assert.Equal(["good/0", "good/2"], translated.Routes.Select(r => r.RouteId));
        Assert.Equal(["good", "zzz"], translated.Clusters.Select(c => c.ClusterId));
        Assert.Equal(["g-1"], translated.Clusters[0].Destinations!.Keys);
        Assert.Equal("http://127.0.0.1:1000", translated.Clusters[0].Destinations!["g-1"].Address);
        Assert.Equal(7, translated.Problems.Count);
        Assert.Contains(translated.Problems, p => p.Contains("app \"zzz\" has no routable host", StringComparison.Ordinal));
        Assert.Contains(translated.Problems, p => p.Contains("\"bad host!\"", StringComparison.Ordinal));
        Assert.Contains(translated.Problems, p => p.Contains("address \"not an address\"", StringComparison.Ordinal));
        Assert.Contains(translated.Problems, p => p.Contains("g-1 appears twice", StringComparison.Ordinal));
        Assert.Contains(translated.Problems, p => p.Contains("already routed to app \"good\"", StringComparison.Ordinal));
        Assert.Contains(translated.Problems, p => p.Contains("app \"good\" appears twice", StringComparison.Ordinal));
        Assert.Contains(translated.Problems, p => p.Contains("app \" \" skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Translate_EmptyInstanceId_FallsBackToAppAndIndex()
    {
        var translated = ProxyConfigTranslator.Translate(Table(1, App("hello", ["hello.localhost"], ("", 3, "127.0.0.1:1234"))), Settings);

        Assert.Equal(["hello-3"], Assert.Single(translated.Clusters).Destinations!.Keys);
    }

    [Fact]
    public async Task Translate_Output_PassesYarpsOwnValidation()
    {
        var sticky = App("sticky", ["sticky.localhost", "api.localhost/v1"], ("s-1", 0, "127.0.0.1:1000"));
        sticky.StickySessions = true;
        sticky.LoadBalancing = "power_of_two_choices";
        var table = Table(1, sticky, App("plain", ["plain.localhost"], ("p-1", 0, "[::1]:2000")), App("empty", ["empty.localhost"]));
        var translated = ProxyConfigTranslator.Translate(table, Settings);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddReverseProxy();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton<IPassiveHealthCheckPolicy, ConnectFailureHealthPolicy>();
        await using var provider = services.BuildServiceProvider();
        var validator = provider.GetRequiredService<IConfigValidator>();

        var errors = new List<Exception>();
        foreach (var route in translated.Routes)
        {
            errors.AddRange(await validator.ValidateRouteAsync(route));
        }

        foreach (var cluster in translated.Clusters)
        {
            errors.AddRange(await validator.ValidateClusterAsync(cluster));
        }

        Assert.Empty(translated.Problems);
        Assert.Empty(errors);
    }

    private static RouteTable Table(long version, params AppRoute[] apps)
    {
        var table = new RouteTable { Version = version };
        table.Apps.AddRange(apps);
        return table;
    }

    private static AppRoute App(string name, string[] hosts, params (string Id, int Index, string Address)[] destinations)
    {
        var app = new AppRoute { App = name };
        app.Matches.AddRange(hosts.Select(h => new RouteMatch { Host = h }));
        app.Destinations.AddRange(destinations.Select(d => new RouteDestination { InstanceId = d.Id, Index = d.Index, Address = d.Address }));
        return app;
    }
}
