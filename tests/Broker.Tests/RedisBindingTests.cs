using System.Net;
using MiniPaas.Broker.Tests.Infrastructure;

namespace MiniPaas.Broker.Tests;

[Collection(SharedBrokerCollection.Name)]
public sealed class RedisBindingTests(SharedBroker broker)
{
    private BrokerTestHost Host => broker.Host;

    [Fact]
    public async Task Bind_RedisInstance_UserWorksOnlyUnderItsKeyPrefix()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("redis");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));

        var bound = await client.BindAsync(instanceId, "cache", Ids.Redis, Ids.RedisDefault);

        Assert.Equal(HttpStatusCode.Created, bound.Status);
        var credentials = bound.Credentials;
        var prefix = credentials["key_prefix"]!.GetValue<string>();
        var user = credentials["username"]!.GetValue<string>();
        var password = credentials["password"]!.GetValue<string>();
        Assert.Equal(Host.RedisPort, credentials["port"]!.GetValue<int>());
        Assert.Equal($"redis://{user}:{password}@127.0.0.1:{Host.RedisPort}", credentials["uri"]!.GetValue<string>());

        await using var redis = await RespTestClient.ConnectAsync(credentials["host"]!.GetValue<string>(), Host.RedisPort);
        Assert.Equal("+OK", await redis.CommandAsync("AUTH", user, password));
        Assert.Equal("+OK", await redis.CommandAsync("SET", prefix + "greeting", "hello"));
        Assert.Equal("$hello", await redis.CommandAsync("GET", prefix + "greeting"));
        Assert.StartsWith("-NOPERM", await redis.CommandAsync("SET", "other:greeting", "hello"));
        Assert.StartsWith("-NOPERM", await redis.CommandAsync("FLUSHALL"));

        // A second binding of the same instance sees the same keys with its own user.
        var second = (await client.BindAsync(instanceId, "worker", Ids.Redis, Ids.RedisDefault)).Credentials;
        Assert.NotEqual(user, second["username"]!.GetValue<string>());
        await using var worker = await RespTestClient.ConnectAsync("127.0.0.1", Host.RedisPort);
        Assert.Equal("+OK", await worker.CommandAsync("AUTH", second["username"]!.GetValue<string>(), second["password"]!.GetValue<string>()));
        Assert.Equal("$hello", await worker.CommandAsync("GET", prefix + "greeting"));

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.UnbindAsync(instanceId, "cache", Ids.Redis, Ids.RedisDefault));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.UnbindAsync(instanceId, "worker", Ids.Redis, Ids.RedisDefault));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));
    }

    [Fact]
    public async Task Unbind_RedisBinding_AuthFailsAfterwards()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("redis-unbind");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));
        var credentials = (await client.BindAsync(instanceId, "b", Ids.Redis, Ids.RedisDefault)).Credentials;
        var user = credentials["username"]!.GetValue<string>();
        var password = credentials["password"]!.GetValue<string>();

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.UnbindAsync(instanceId, "b", Ids.Redis, Ids.RedisDefault));

        await using var redis = await RespTestClient.ConnectAsync("127.0.0.1", Host.RedisPort);
        Assert.StartsWith("-WRONGPASS", await redis.CommandAsync("AUTH", user, password));
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.UnbindAsync(instanceId, "b", Ids.Redis, Ids.RedisDefault));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));
    }

    [Fact]
    public async Task Deprovision_RedisInstance_DeletesItsKeysAndUsersButNotOthers()
    {
        using var client = Host.CreateClient();
        var doomed = Ids.New("redis-doomed");
        var kept = Ids.New("redis-kept");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(doomed, Ids.Redis, Ids.RedisDefault));
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(kept, Ids.Redis, Ids.RedisDefault));
        var doomedCredentials = (await client.BindAsync(doomed, "b", Ids.Redis, Ids.RedisDefault)).Credentials;
        var keptCredentials = (await client.BindAsync(kept, "b", Ids.Redis, Ids.RedisDefault)).Credentials;
        await SetAsync(doomedCredentials, "k", "v1");
        await SetAsync(keptCredentials, "k", "v2");

        // The platform should unbind first; deprovisioning removes the left-over binding user too.
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(doomed, Ids.Redis, Ids.RedisDefault));

        await using var doomedSession = await RespTestClient.ConnectAsync("127.0.0.1", Host.RedisPort);
        Assert.StartsWith("-WRONGPASS", await doomedSession.CommandAsync("AUTH", doomedCredentials["username"]!.GetValue<string>(), doomedCredentials["password"]!.GetValue<string>()));

        // Provisioning the same id again yields the same prefix, which must now be empty.
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(doomed, Ids.Redis, Ids.RedisDefault));
        var fresh = (await client.BindAsync(doomed, "b2", Ids.Redis, Ids.RedisDefault)).Credentials;
        Assert.Equal(doomedCredentials["key_prefix"]!.GetValue<string>(), fresh["key_prefix"]!.GetValue<string>());
        Assert.Equal("$-1", await GetAsync(fresh, "k"));
        Assert.Equal("$v2", await GetAsync(keptCredentials, "k"));

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(doomed, Ids.Redis, Ids.RedisDefault));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(kept, Ids.Redis, Ids.RedisDefault));
    }

    internal static async Task SetAsync(System.Text.Json.Nodes.JsonObject credentials, string key, string value)
    {
        await using var redis = await AuthenticatedAsync(credentials);
        Assert.Equal("+OK", await redis.CommandAsync("SET", credentials["key_prefix"]!.GetValue<string>() + key, value));
    }

    internal static async Task<string> GetAsync(System.Text.Json.Nodes.JsonObject credentials, string key)
    {
        await using var redis = await AuthenticatedAsync(credentials);
        return await redis.CommandAsync("GET", credentials["key_prefix"]!.GetValue<string>() + key);
    }

    private static async Task<RespTestClient> AuthenticatedAsync(System.Text.Json.Nodes.JsonObject credentials)
    {
        var redis = await RespTestClient.ConnectAsync(credentials["host"]!.GetValue<string>(), credentials["port"]!.GetValue<int>());
        Assert.Equal("+OK", await redis.CommandAsync("AUTH", credentials["username"]!.GetValue<string>(), credentials["password"]!.GetValue<string>()));
        return redis;
    }
}
