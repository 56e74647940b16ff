using System.Net;
using System.Text.Json.Nodes;
using MiniPaas.Broker.Backends.Postgres;
using MiniPaas.Broker.Tests.Infrastructure;
using Npgsql;

namespace MiniPaas.Broker.Tests;

[Collection(SharedBrokerCollection.Name)]
public sealed class PostgresBindingTests(SharedBroker broker)
{
    private BrokerTestHost Host => broker.Host;

    [Fact]
    public async Task Bind_PostgresInstance_CredentialsConnectAndBindingsShareTheDatabase()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("pg");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));

        var first = await client.BindAsync(instanceId, "writer", Ids.Postgres, Ids.Small);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        var credentials = first.Credentials;
        foreach (var field in new[] { "host", "port", "database", "username", "password", "uri" })
        {
            Assert.NotNull(credentials[field]);
        }

        Assert.Equal("127.0.0.1", credentials["host"]!.GetValue<string>());
        Assert.Equal(Host.PostgresPort, credentials["port"]!.GetValue<int>());
        var endpoint = first.Body!["endpoints"]!.AsArray().Single()!;
        Assert.Equal(Host.PostgresPort.ToString(System.Globalization.CultureInfo.InvariantCulture), endpoint["ports"]!.AsArray().Single()!.GetValue<string>());

        await using (var writer = await OpenAsync(credentials))
        {
            await ExecuteAsync(writer, "CREATE TABLE notes (id int PRIMARY KEY, body text); INSERT INTO notes VALUES (1, 'hello');");
        }

        var second = await client.BindAsync(instanceId, "reader", Ids.Postgres, Ids.Small);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.NotEqual(credentials["username"]!.GetValue<string>(), second.Credentials["username"]!.GetValue<string>());
        Assert.NotEqual(credentials["password"]!.GetValue<string>(), second.Credentials["password"]!.GetValue<string>());
        await using (var reader = await OpenAsync(second.Credentials))
        {
            await using var command = new NpgsqlCommand("SELECT body FROM notes WHERE id = 1", reader);
            Assert.Equal("hello", await command.ExecuteScalarAsync());
        }

        // The uri alone is enough to connect, as an application reading DATABASE_URL would.
        var uri = new Uri(credentials["uri"]!.GetValue<string>());
        Assert.Equal("postgresql", uri.Scheme);
        Assert.Equal("/" + credentials["database"]!.GetValue<string>(), uri.AbsolutePath);

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.UnbindAsync(instanceId, "writer", Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.UnbindAsync(instanceId, "reader", Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small));
    }

    [Fact]
    public async Task Bind_SameIdTwice_Returns200WithSameCredentialsAndConflictingAttributes409()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("pg-idempotent");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));
        var created = await client.BindAsync(instanceId, "b", Ids.Postgres, Ids.Small);

        var again = await client.BindAsync(instanceId, "b", Ids.Postgres, Ids.Small);
        var otherApp = await client.BindAsync(instanceId, "b", Ids.Postgres, Ids.Small,
            new JsonObject { ["bind_resource"] = new JsonObject { ["app_guid"] = "app-2" } });
        var fetched = await client.GetBindingAsync(instanceId, "b");

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(created.Credentials.ToJsonString(), again.Credentials.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, otherApp.Status);
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(created.Credentials.ToJsonString(), fetched.Credentials.ToJsonString());
        Assert.Equal("succeeded", (await client.SendAsync(HttpMethod.Get, $"/v2/service_instances/{instanceId}/service_bindings/b/last_operation")).State);

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.UnbindAsync(instanceId, "b", Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small));
    }

    [Fact]
    public async Task Unbind_PostgresBinding_DropsRoleSoCredentialsStopWorking()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("pg-unbind");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));
        var credentials = (await client.BindAsync(instanceId, "gone-soon", Ids.Postgres, Ids.Small)).Credentials;
        await using var open = await OpenAsync(credentials);

        var unbound = await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.UnbindAsync(instanceId, "gone-soon", Ids.Postgres, Ids.Small));

        Assert.Equal("{}", unbound.Body!.ToJsonString());
        Assert.False(await Host.RoleExistsAsync(credentials["username"]!.GetValue<string>()));
        var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(credentials));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);
        // The session that was open when the binding was removed has been ended too.
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(open, "SELECT 1"));
        await ReplyAssert.StatusAsync(HttpStatusCode.Gone, client.UnbindAsync(instanceId, "gone-soon", Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.NotFound, client.GetBindingAsync(instanceId, "gone-soon"));

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small));
    }

    [Fact]
    public async Task Bind_RoleOfOneInstance_CannotConnectToAnotherInstancesDatabase()
    {
        using var client = Host.CreateClient();
        var mine = Ids.New("pg-mine");
        var theirs = Ids.New("pg-theirs");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(mine, Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(theirs, Ids.Postgres, Ids.Small));
        var credentials = (await client.BindAsync(mine, "b", Ids.Postgres, Ids.Small)).Credentials;

        var elsewhere = credentials.DeepClone().AsObject();
        elsewhere["database"] = PostgresBackend.DatabaseName(theirs);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => OpenAsync(elsewhere));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.UnbindAsync(mine, "b", Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(mine, Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(theirs, Ids.Postgres, Ids.Small));
    }

    [Fact]
    public async Task Deprovision_WithBindingLeft_DropsDatabaseAndItsRoles()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("pg-cascade");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));
        var credentials = (await client.BindAsync(instanceId, "left", Ids.Postgres, Ids.Small)).Credentials;
        await using var open = await OpenAsync(credentials);
        await ExecuteAsync(open, "CREATE TABLE t (x int)");

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small));

        Assert.False(await Host.DatabaseExistsAsync(credentials["database"]!.GetValue<string>()));
        Assert.False(await Host.RoleExistsAsync(credentials["username"]!.GetValue<string>()));
        await Assert.ThrowsAnyAsync<Exception>(() => OpenAsync(credentials));
        await ReplyAssert.StatusAsync(HttpStatusCode.NotFound, client.GetBindingAsync(instanceId, "left"));
    }

    [Fact]
    public async Task Bind_BadInput_ReturnsSpecErrorsAndCreatesNothing()
    {
        using var client = Host.CreateClient();
        var instanceId = Ids.New("pg-bad-bind");
        await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync(instanceId, Ids.Postgres, Ids.Small));

        await ReplyAssert.StatusAsync(HttpStatusCode.NotFound, client.BindAsync(Ids.New("nowhere"), "b", Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.BadRequest, client.BindAsync(instanceId, "b", Ids.Postgres, Ids.Standard));
        await ReplyAssert.StatusAsync(HttpStatusCode.BadRequest, client.BindAsync(instanceId, "b", Ids.Postgres, "no-such-plan"));
        await ReplyAssert.StatusAsync(HttpStatusCode.BadRequest, client.BindAsync(instanceId, "bad%20binding", Ids.Postgres, Ids.Small));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await client.SendAsync(HttpMethod.Put, $"/v2/service_instances/{instanceId}/service_bindings/b", rawBody: "{\"service_id\":\"" + Ids.Postgres + "\"}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await client.SendAsync(HttpMethod.Delete, $"/v2/service_instances/{instanceId}/service_bindings/b?service_id={Ids.Postgres}")).Status);
        await ReplyAssert.StatusAsync(HttpStatusCode.NotFound, client.GetBindingAsync(instanceId, "b"));
        Assert.False(await Host.RoleExistsAsync(PostgresBackend.BindingRoleName(instanceId, "b")));

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.DeprovisionAsync(instanceId, Ids.Postgres, Ids.Small));
    }

    internal static async Task<NpgsqlConnection> OpenAsync(JsonObject credentials)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = credentials["host"]!.GetValue<string>(),
            Port = credentials["port"]!.GetValue<int>(),
            Database = credentials["database"]!.GetValue<string>(),
            Username = credentials["username"]!.GetValue<string>(),
            Password = credentials["password"]!.GetValue<string>(),
            Pooling = false,
            Timeout = 10,
        }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    internal static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
