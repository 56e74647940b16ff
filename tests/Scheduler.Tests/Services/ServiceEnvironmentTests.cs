using System.Text.Json.Nodes;
using MiniPaas.Scheduler.Services;

namespace MiniPaas.Scheduler.Tests.Services;

public sealed class ServiceEnvironmentTests
{
    [Fact]
    public void Build_PostgresAndRedisBindings_HasCloudFoundryShapeAndUrls()
    {
        var env = ServiceEnvironment.Build(
        [
            Bound("cache", "redis", "default", ["redis", "key-value"], new JsonObject { ["uri"] = "redis://u:p@127.0.0.1:7379", ["key_prefix"] = "mp-1:" }),
            Bound("notes-db", "postgresql", "small", ["postgresql", "relational"], new JsonObject { ["uri"] = "postgresql://u:p@127.0.0.1:7432/db", ["password"] = "p" }),
        ]);

        Assert.Equal("postgresql://u:p@127.0.0.1:7432/db", env[ServiceEnvironment.DatabaseUrl]);
        Assert.Equal("redis://u:p@127.0.0.1:7379", env[ServiceEnvironment.RedisUrl]);
        var vcap = JsonNode.Parse(env[ServiceEnvironment.VcapServices])!.AsObject();
        Assert.Equal(["postgresql", "redis"], vcap.Select(p => p.Key).Order(StringComparer.Ordinal));
        var pg = vcap["postgresql"]!.AsArray().Single()!.AsObject();
        Assert.Equal("notes-db", pg["name"]!.GetValue<string>());
        Assert.Equal("postgresql", pg["label"]!.GetValue<string>());
        Assert.Equal("small", pg["plan"]!.GetValue<string>());
        Assert.Equal("notes-db", pg["instance_name"]!.GetValue<string>());
        Assert.True(pg.ContainsKey("binding_name"));
        Assert.Equal(["postgresql", "relational"], pg["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("p", pg["credentials"]!["password"]!.GetValue<string>());
        Assert.Equal("binding-notes-db", pg["binding_guid"]!.GetValue<string>());
    }

    [Fact]
    public void Build_NoBindings_IsEmpty()
    {
        Assert.Empty(ServiceEnvironment.Build([]));
    }

    [Fact]
    public void Merge_AppSetsDatabaseUrl_AppValueWinsButVcapServicesIsPlatforms()
    {
        var merged = ServiceEnvironment.Merge(
            new Dictionary<string, string> { ["DATABASE_URL"] = "mine", ["VCAP_SERVICES"] = "{}", ["OTHER"] = "x" },
            new Dictionary<string, string> { ["DATABASE_URL"] = "bound", ["VCAP_SERVICES"] = "{\"postgresql\":[]}" });

        Assert.Equal("mine", merged["DATABASE_URL"]);
        Assert.Equal("{\"postgresql\":[]}", merged["VCAP_SERVICES"]);
        Assert.Equal("x", merged["OTHER"]);
    }

    [Fact]
    public void For_InstanceDeployment_GetsNewestEnvironmentAtOrBelowIt()
    {
        var environments = new AppServiceEnvironments(new Dictionary<string, IReadOnlyList<(int, IReadOnlyDictionary<string, string>)>>
        {
            ["notes"] =
            [
                (3, new Dictionary<string, string> { ["DATABASE_URL"] = "v3" }),
                (5, new Dictionary<string, string>()),
            ],
        });

        Assert.Empty(environments.For("notes", 2));
        Assert.Equal("v3", environments.For("notes", 3)["DATABASE_URL"]);
        Assert.Equal("v3", environments.For("notes", 4)["DATABASE_URL"]);
        Assert.Empty(environments.For("notes", 5));
        Assert.Empty(environments.For("other", 9));
    }

    private static BoundService Bound(string name, string service, string plan, IReadOnlyList<string> tags, JsonObject credentials) => new(
        new ServiceInstanceRecord
        {
            Name = name, InstanceId = "instance-" + name, Broker = "minipaas", ServiceName = service, ServiceId = service + "-id",
            PlanName = plan, PlanId = plan + "-id", Tags = tags, LastOperation = ServiceOperations.CreateSucceeded,
        },
        new ServiceBindingRecord { BindingId = "binding-" + name, InstanceName = name, App = "notes", EncryptedCredentials = [] },
        credentials);
}
