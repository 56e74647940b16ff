using System.Net;
using System.Text;
using MiniPaas.Broker.Tests.Infrastructure;

namespace MiniPaas.Broker.Tests;

[Collection(SharedBrokerCollection.Name)]
public sealed class CatalogAndAuthenticationTests(SharedBroker broker)
{
    private BrokerTestHost Host => broker.Host;

    [Fact]
    public async Task Catalog_WithCredentialsAndVersion_ListsPostgresAndRedisWithStableIds()
    {
        using var client = Host.CreateClient();
        var reply = await client.CatalogAsync();

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        var services = reply.Body!["services"]!.AsArray();
        Assert.Equal(2, services.Count);

        var postgres = services.Single(s => s!["name"]!.GetValue<string>() == "postgresql")!;
        Assert.Equal(Ids.Postgres, postgres["id"]!.GetValue<string>());
        Assert.True(postgres["bindable"]!.GetValue<bool>());
        Assert.True(postgres["instances_retrievable"]!.GetValue<bool>());
        Assert.True(postgres["bindings_retrievable"]!.GetValue<bool>());
        var plans = postgres["plans"]!.AsArray();
        Assert.Equal(Ids.Small, plans.Single(p => p!["name"]!.GetValue<string>() == "small")!["id"]!.GetValue<string>());
        Assert.Equal(Ids.Standard, plans.Single(p => p!["name"]!.GetValue<string>() == "standard")!["id"]!.GetValue<string>());
        Assert.All(plans, p => Assert.True(p!["plan_updateable"]!.GetValue<bool>()));
        Assert.All(plans, p => Assert.False(string.IsNullOrEmpty(p!["description"]!.GetValue<string>())));

        var redis = services.Single(s => s!["name"]!.GetValue<string>() == "redis")!;
        Assert.Equal(Ids.Redis, redis["id"]!.GetValue<string>());
        Assert.Equal(Ids.RedisDefault, redis["plans"]!.AsArray().Single()!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Catalog_WithoutVersionHeader_Returns412WithErrorBody()
    {
        using var client = Host.CreateClient(apiVersion: null);
        var reply = await client.CatalogAsync();

        Assert.Equal(HttpStatusCode.PreconditionFailed, reply.Status);
        Assert.Equal("UnsupportedApiVersion", reply.Error);
        Assert.Contains("X-Broker-API-Version", reply.Description);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("2.13")]
    [InlineData("3.0")]
    [InlineData("latest")]
    public async Task Catalog_WithUnsupportedVersion_Returns412(string version)
    {
        using var client = Host.CreateClient(apiVersion: version);
        var reply = await client.CatalogAsync();

        Assert.Equal(HttpStatusCode.PreconditionFailed, reply.Status);
        Assert.Contains(version, reply.Description);
    }

    [Theory]
    [InlineData("2.14")]
    [InlineData("2.17")]
    public async Task Catalog_WithSupportedVersion_Returns200(string version)
    {
        using var client = Host.CreateClient(apiVersion: version);
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.CatalogAsync());
    }

    [Fact]
    public async Task Catalog_WithWrongPassword_Returns401WithBasicChallenge()
    {
        using var client = Host.CreateClient(password: "not-the-password");
        var reply = await client.CatalogAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal("Basic", reply.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("Unauthorized", reply.Error);
    }

    [Fact]
    public async Task Catalog_WithoutCredentials_Returns401()
    {
        using var client = Host.CreateClient(username: null);
        await ReplyAssert.StatusAsync(HttpStatusCode.Unauthorized, client.CatalogAsync());
    }

    [Fact]
    public async Task Provision_WithWrongCredentials_Returns401AndCreatesNothing()
    {
        var instanceId = Ids.New("unauthenticated");
        using var intruder = Host.CreateClient(username: "platform", password: "guess");
        await ReplyAssert.StatusAsync(HttpStatusCode.Unauthorized, intruder.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));

        using var client = Host.CreateClient();
        await ReplyAssert.StatusAsync(HttpStatusCode.NotFound, client.GetInstanceAsync(instanceId));
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.LastOperationAsync(instanceId));
    }

    [Fact]
    public async Task Provision_WithoutVersionHeader_Returns412AndCreatesNothing()
    {
        var instanceId = Ids.New("unversioned");
        using var unversioned = Host.CreateClient(apiVersion: null);
        await ReplyAssert.StatusAsync(HttpStatusCode.PreconditionFailed, unversioned.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));

        using var client = Host.CreateClient();
        await ReplyAssert.StatusAsync(HttpStatusCode.NotFound, client.GetInstanceAsync(instanceId));
    }

    [Fact]
    public async Task Request_WithIdentityHeaders_EchoesRequestIdentityAndToleratesMalformedOriginatingIdentity()
    {
        using var client = Host.CreateClient();
        client.DefaultHeaders.Add("X-Broker-API-Request-Identity", "req-42");
        client.DefaultHeaders.Add("X-Broker-API-Originating-Identity", "minipaas %%%not-base64%%%");
        var instanceId = Ids.New("identity");

        var provision = await client.ProvisionAsync(instanceId, Ids.Redis, Ids.RedisDefault);
        Assert.Equal(HttpStatusCode.Created, provision.Status);
        Assert.Equal("req-42", provision.Headers.GetValues("X-Broker-API-Request-Identity").Single());

        client.DefaultHeaders.Remove("X-Broker-API-Originating-Identity");
        client.DefaultHeaders.Add("X-Broker-API-Originating-Identity", "minipaas " + Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"user_id\":\"alice\"}")));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Redis, Ids.RedisDefault));
    }

    [Fact]
    public async Task Healthz_WithoutCredentials_Answers()
    {
        using var http = new HttpClient { BaseAddress = Host.Address };
        Assert.Equal("ok", await http.GetStringAsync("/healthz"));
    }
}
