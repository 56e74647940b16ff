using MiniPaas.Scheduler.Dashboard;
using MiniPaas.Scheduler.Services;

namespace MiniPaas.Dashboard.Tests.Snapshot;

public sealed class DashboardBoundServicesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void ByApp_BindingsOfTwoApps_ListsEachAppsInstancesWithServiceAndPlan()
    {
        var instances = new[] { Instance("db", "postgres", "small", ServiceOperations.CreateSucceeded), Instance("cache", "redis", "tiny", ServiceOperations.CreateInProgress) };
        var bindings = new[] { Binding("db", "web"), Binding("cache", "web"), Binding("db", "worker") };

        var byApp = DashboardBoundServices.ByApp(bindings, instances);

        Assert.Equal(
            [("cache", "redis", "tiny", ServiceOperations.CreateInProgress), ("db", "postgres", "small", ServiceOperations.CreateSucceeded)],
            byApp["web"]);
        Assert.Equal([("db", "postgres", "small", ServiceOperations.CreateSucceeded)], byApp["worker"]);
        Assert.False(byApp.ContainsKey("other"));
    }

    [Fact]
    public void Json_BoundInstance_HasNameServicePlanAndStateButNoCredentials()
    {
        var byApp = DashboardBoundServices.ByApp([Binding("db", "web")], [Instance("db", "postgres", "small", ServiceOperations.CreateSucceeded)]);

        var json = DashboardBoundServices.Json(byApp["web"]).ToJsonString();

        Assert.Equal("""[{"name":"db","service":"postgres","plan":"small","state":"create succeeded"}]""", json);
    }

    [Fact]
    public void ByApp_BindingToMissingInstance_IsShownAsUnknownInstance()
    {
        var byApp = DashboardBoundServices.ByApp([Binding("gone", "web")], []);

        Assert.Equal([("gone", "", "", "unknown instance")], byApp["web"]);
    }

    private static ServiceInstanceRecord Instance(string name, string service, string plan, string state) => new()
    {
        Name = name, InstanceId = "id-" + name, Broker = "b", ServiceName = service, ServiceId = "s-" + service,
        PlanName = plan, PlanId = "p-" + plan, LastOperation = state, CreatedAt = T0, UpdatedAt = T0,
    };

    private static ServiceBindingRecord Binding(string instance, string app) => new()
    {
        BindingId = instance + "-" + app, InstanceName = instance, App = app, EncryptedCredentials = [1, 2, 3], CreatedAt = T0,
    };
}
