using System.Net;
using System.Text.Json.Nodes;
using MiniPaas.Broker.Backends.Postgres;
using MiniPaas.Broker.Tests.Infrastructure;

namespace MiniPaas.Broker.Tests;

[Collection(SharedBrokerCollection.Name)]
public sealed class InstanceLifecycleTests(SharedBroker broker)
{
    private BrokerTestHost Host => broker.Host;

    [Fact]
    public async Task Provision_SyncPlan_Returns201ThenIdentical200ThenConflicting409()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("sync");

        var created = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.True(await Host.DatabaseExistsAsync(PostgresBackend.DatabaseName(instanceId)));

        // Synchronous plans ignore accepts_incomplete and still answer when done.
        var again = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small, acceptsIncomplete: true);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("{}", again.Body!.ToJsonString());

        var otherPlan = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true);
        Assert.Equal(HttpStatusCode.Conflict, otherPlan.Status);
        var otherSpace = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small, extra: new JsonObject { ["space_guid"] = "space-2" });
        Assert.Equal(HttpStatusCode.Conflict, otherSpace.Status);

        var fetched = await client.GetInstanceAsync(instanceId);
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(Ids.Small, fetched.Body!["plan_id"]!.GetValue<string>());
        Assert.Equal(Ids.Postgres, fetched.Body!["service_id"]!.GetValue<string>());

        var lastOperation = await client.LastOperationAsync(instanceId);
        Assert.Equal("succeeded", lastOperation.State);

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small));
    }

    [Fact]
    public async Task Provision_AsyncPlanWithoutAcceptsIncomplete_Returns422AsyncRequiredAndCreatesNothing()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("async-required");

        var reply = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Standard);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("AsyncRequired", reply.Error);
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.LastOperationAsync(instanceId));
        Assert.False(await Host.DatabaseExistsAsync(PostgresBackend.DatabaseName(instanceId)));
    }

    [Fact]
    public async Task Provision_AsyncPlan_Returns202AndLastOperationMovesFromInProgressToSucceeded()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("async");

        var accepted = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true);
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        var operation = accepted.Operation;
        Assert.False(string.IsNullOrEmpty(operation));

        // The work runs in the background after AsyncProvisionDelay (2.5 s here), so right now it is still running.
        var during = await client.LastOperationAsync(instanceId, operation);
        Assert.Equal(HttpStatusCode.OK, during.Status);
        Assert.Equal("in progress", during.State);
        await ReplyAssert.StatusAsync(HttpStatusCode.NotFound, client.GetInstanceAsync(instanceId));
        var resent = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true);
        Assert.Equal(HttpStatusCode.Accepted, resent.Status);
        Assert.Equal(operation, resent.Operation);

        var done = await client.WaitForOperationAsync(instanceId, operation!);
        Assert.Equal("succeeded", done.State);
        Assert.True(await Host.DatabaseExistsAsync(PostgresBackend.DatabaseName(instanceId)));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.GetInstanceAsync(instanceId));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true));

        var deleting = await client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true);
        Assert.Equal(HttpStatusCode.Accepted, deleting.Status);
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.WaitForOperationAsync(instanceId, deleting.Operation!));
        Assert.False(await Host.DatabaseExistsAsync(PostgresBackend.DatabaseName(instanceId)));
    }

    [Fact]
    public async Task Deprovision_AsyncPlanWithoutAcceptsIncomplete_Returns422AndKeepsInstance()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("async-keep");
        var accepted = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true);
        Assert.Equal("succeeded", (await client.WaitForOperationAsync(instanceId, accepted.Operation!)).State);

        var refused = await client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Standard);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("AsyncRequired", refused.Error);
        Assert.True(await Host.DatabaseExistsAsync(PostgresBackend.DatabaseName(instanceId)));
        var deleting = await client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true);
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.WaitForOperationAsync(instanceId, deleting.Operation!));
    }

    [Fact]
    public async Task Deprovision_DuringAsyncProvision_HaltsItAndRemovesEverything()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("halt");
        var accepted = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true);
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);

        var deleting = await client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true);

        Assert.Equal(HttpStatusCode.Accepted, deleting.Status);
        Assert.NotEqual(accepted.Operation, deleting.Operation);
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.WaitForOperationAsync(instanceId, deleting.Operation!));
        Assert.False(await Host.DatabaseExistsAsync(PostgresBackend.DatabaseName(instanceId)));
        Assert.False(await Host.RoleExistsAsync(PostgresBackend.OwnerRoleName(instanceId)));
    }

    [Fact]
    public async Task Deprovision_SyncPlan_Returns200DropsDatabaseThen410()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("drop");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));

        var deleted = await client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small);

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("{}", deleted.Body!.ToJsonString());
        Assert.False(await Host.DatabaseExistsAsync(PostgresBackend.DatabaseName(instanceId)));
        Assert.False(await Host.RoleExistsAsync(PostgresBackend.OwnerRoleName(instanceId)));
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.NotFound, client.GetInstanceAsync(instanceId));

        // The id is free again.
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small));
    }

    [Fact]
    public async Task Update_SmallToStandard_RequiresAsyncThenRaisesConnectionLimit()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("update");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));
        Assert.Equal(20, await ConnectionLimitAsync(instanceId));

        var refused = await client.UpdateAsync(instanceId, Ids.Postgres, Ids.Standard);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.Status);
        Assert.Equal("AsyncRequired", refused.Error);
        Assert.Equal(20, await ConnectionLimitAsync(instanceId));

        var accepted = await client.UpdateAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true,
            extra: new JsonObject { ["previous_values"] = new JsonObject { ["plan_id"] = Ids.Small } });
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        await ReplyAssert.StatusAsync(HttpStatusCode.UnprocessableEntity, client.GetInstanceAsync(instanceId));
        var busy = await client.UpdateAsync(instanceId, Ids.Postgres, Ids.Small, acceptsIncomplete: true);
        Assert.Equal("ConcurrencyError", busy.Error);

        Assert.Equal("succeeded", (await client.WaitForOperationAsync(instanceId, accepted.Operation!)).State);
        Assert.Equal(Ids.Standard, (await client.GetInstanceAsync(instanceId)).Body!["plan_id"]!.GetValue<string>());
        Assert.Equal(100, await ConnectionLimitAsync(instanceId));

        var unchanged = await client.UpdateAsync(instanceId, Ids.Postgres, planId: null);
        Assert.Equal(HttpStatusCode.OK, unchanged.Status);

        var deleting = await client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Standard, acceptsIncomplete: true);
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.WaitForOperationAsync(instanceId, deleting.Operation!));
    }

    [Fact]
    public async Task Update_RedisPlanToPostgresPlan_Returns400AndUnknownInstance404()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("update-redis");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));

        await ReplyAssert.StatusAsync(HttpStatusCode.BadRequest, client.UpdateAsync(instanceId, Ids.Redis, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.BadRequest, client.UpdateAsync(instanceId, Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.NotFound, client.UpdateAsync(Ids.New("missing"), Ids.Redis, Ids.RedisDefault));

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));
    }

    [Fact]
    public async Task Provision_UnknownServiceOrPlan_Returns400AndCreatesNothing()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("unknown");

        var unknownService = await client.ProvisionAsync(instanceId, "no-such-service", Ids.Small);
        var unknownPlan = await client.ProvisionAsync(instanceId, Ids.Postgres, "no-such-plan");
        var planOfOtherService = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.RedisDefault);

        Assert.Equal(HttpStatusCode.BadRequest, unknownService.Status);
        Assert.Contains("no-such-service", unknownService.Description);
        Assert.Equal(HttpStatusCode.BadRequest, unknownPlan.Status);
        Assert.Contains("no-such-plan", unknownPlan.Description);
        Assert.Equal(HttpStatusCode.BadRequest, planOfOtherService.Status);
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.LastOperationAsync(instanceId));
        Assert.False(await Host.DatabaseExistsAsync(PostgresBackend.DatabaseName(instanceId)));
    }

    [Theory]
    [InlineData("{nope", "not valid JSON")]
    [InlineData("[1,2]", "must be a JSON object")]
    [InlineData("{\"plan_id\":\"" + Ids.Small + "\"}", "service_id")]
    [InlineData("{\"service_id\":\"" + Ids.Postgres + "\"}", "plan_id")]
    [InlineData("{\"service_id\":\"" + Ids.Postgres + "\",\"plan_id\":\"" + Ids.Small + "\",\"parameters\":[1]}", "parameters")]
    [InlineData("{\"service_id\":\"" + Ids.Postgres + "\",\"plan_id\":\"" + Ids.Small + "\",\"parameters\":{\"size\":\"huge\"}}", "size")]
    [InlineData("{\"service_id\":\"" + Ids.Postgres + "\",\"plan_id\":\"" + Ids.Small + "\",\"space_guid\":\"\"}", "space_guid")]
    [InlineData("{\"service_id\":42,\"plan_id\":\"" + Ids.Small + "\"}", "service_id")]
    public async Task Provision_MalformedBody_Returns400NamingTheProblemAndCreatesNothing(string body, string mentioned)
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("malformed");

        var reply = await client.SendAsync(HttpMethod.Put, $"/v2/service_instances/{instanceId}", rawBody: body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("BadRequest", reply.Error);
        Assert.Contains(mentioned, reply.Description);
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.LastOperationAsync(instanceId));
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("semi%3Bcolon")]
    [InlineData("quote%22d")]
    public async Task Provision_MalformedInstanceId_Returns400(string escapedId)
    {
        using var client = Host.CreateClient();
        var reply = await client.SendAsync(HttpMethod.Put, $"/v2/service_instances/{escapedId}",
            new JsonObject { ["service_id"] = Ids.Postgres, ["plan_id"] = Ids.Small });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("instance_id", reply.Description);
    }

    [Fact]
    public async Task Provision_WrongContentType_Returns400()
    {
        using var client = Host.CreateClient();
        var reply = await client.SendAsync(HttpMethod.Put, $"/v2/service_instances/{Ids.New("xml")}",
            rawBody: "<instance/>", contentType: "application/xml");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains("Content-Type", reply.Description);
    }

    [Fact]
    public async Task Provision_MaintenanceInfoMismatch_Returns422MaintenanceInfoConflict()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("maintenance");

        var reply = await client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small,
            extra: new JsonObject { ["maintenance_info"] = new JsonObject { ["version"] = "0.0.1" } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reply.Status);
        Assert.Equal("MaintenanceInfoConflict", reply.Error);
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.LastOperationAsync(instanceId));
    }

    [Fact]
    public async Task Deprovision_MissingOrMismatchedQuery_Returns400AndKeepsInstance()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("deprovision-query");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));

        var noQuery = await client.SendAsync(HttpMethod.Delete, $"/v2/service_instances/{instanceId}");
        var onlyService = await client.SendAsync(HttpMethod.Delete, $"/v2/service_instances/{instanceId}?service_id={Ids.Redis}");
        var wrongService = await client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small);
        var badFlag = await client.SendAsync(HttpMethod.Delete, $"/v2/service_instances/{instanceId}?service_id={Ids.Redis}&plan_id={Ids.RedisDefault}&accepts_incomplete=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, noQuery.Status);
        Assert.Contains("service_id", noQuery.Description);
        Assert.Equal(HttpStatusCode.BadRequest, onlyService.Status);
        Assert.Contains("plan_id", onlyService.Description);
        Assert.Equal(HttpStatusCode.BadRequest, wrongService.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badFlag.Status);
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.GetInstanceAsync(instanceId));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));
    }

    [Fact]
    public async Task LastOperation_WithAnotherOperationId_Returns400()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("operation-id");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));

        await ReplyAssert.StatusAsync(HttpStatusCode.BadRequest, client.LastOperationAsync(instanceId, "create-not-mine"));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));
    }

    private async Task<int> ConnectionLimitAsync(string instanceId)
    {
        await using var command = Host.PostgresAdmin.CreateCommand("SELECT datconnlimit FROM pg_database WHERE datname = $1");
        command.Parameters.AddWithValue(PostgresBackend.DatabaseName(instanceId));
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
