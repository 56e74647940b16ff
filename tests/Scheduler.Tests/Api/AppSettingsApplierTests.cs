using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Api;
using MiniPaas.Scheduler.Domain;

namespace MiniPaas.Scheduler.Tests.Api;

public sealed class AppSettingsApplierTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_NewAppWithoutRoutingSettings_RoundRobinNotSticky()
    {
        var app = AppSettingsApplier.Apply(null, "web", new AppSettings(), 100, Now);

        Assert.Equal(("round_robin", false), (app.LoadBalancing, app.StickySessions));
    }

    [Fact]
    public void Apply_RoutingSettings_AppliedAndKeptWhenLaterUnset()
    {
        var first = AppSettingsApplier.Apply(null, "web", new AppSettings { LoadBalancing = "least_requests", StickySessions = true }, 100, Now);
        var kept = AppSettingsApplier.Apply(first, "web", new AppSettings(), 100, Now);
        var cleared = AppSettingsApplier.Apply(kept, "web", new AppSettings { StickySessions = false, StickySessionsSet = true, LoadBalancing = "power_of_two_choices" }, 100, Now);

        Assert.Equal(("least_requests", true), (first.LoadBalancing, first.StickySessions));
        Assert.Equal(("least_requests", true), (kept.LoadBalancing, kept.StickySessions));
        Assert.Equal(("power_of_two_choices", false), (cleared.LoadBalancing, cleared.StickySessions));
    }

    [Fact]
    public void Apply_UnknownLoadBalancing_InvalidArgumentNamingTheValue()
    {
        var existing = new AppRecord { Name = "web" };

        var error = Assert.Throws<RpcException>(() => AppSettingsApplier.Apply(existing, "web", new AppSettings { LoadBalancing = "Round_Robin" }, 100, Now));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("unknown load_balancing 'Round_Robin'", error.Detail, StringComparison.Ordinal);
    }
}
