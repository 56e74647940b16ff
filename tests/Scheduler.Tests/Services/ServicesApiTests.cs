using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Tests.Api;
using MiniPaas.Scheduler.Tests.Infrastructure;
using Npgsql;

namespace MiniPaas.Scheduler.Tests.Services;

/// <summary>The Services API against the project's real broker (PostgreSQL and Redis behind it).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class ServicesApiTests : ApiTestBase
{
    private BrokerProcess _broker = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["MiniPaas:Services:PollInterval"] = "00:00:00.200",
        ["MiniPaas:Services:OperationTimeout"] = "00:02:00",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _broker = await BrokerProcess.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task BindService_RealBroker_AppGetsCredentialsThatWorkAndUnbindAndDeleteRemoveThem()
    {
        var registered = await Admin.UnaryAsync(ServicesMethods.CreateServiceBroker, BrokerRequest(_broker.Password), Deadline(60));
        Assert.Contains("postgresql", registered.Services);
        Assert.Contains("redis", registered.Services);
        await Admin.UnaryAsync(ServicesMethods.CreateServiceBroker, BrokerRequest(_broker.Password), Deadline(60));
        Assert.Single((await Admin.UnaryAsync(ServicesMethods.ListServiceBrokers, new ListServiceBrokersRequest(), Deadline())).Brokers);

        var marketplace = await Admin.UnaryAsync(ServicesMethods.Marketplace, new MarketplaceRequest(), Deadline());
        Assert.Equal(["small", "standard"], marketplace.Services.Single(s => s.Name == "postgresql").Plans.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["default"], marketplace.Services.Single(s => s.Name == "redis").Plans.Select(p => p.Name));

        var sync = await CreateServiceAsync("postgresql", "small", "notes-db");
        Assert.Equal("create succeeded", sync[^1].Instance.LastOperation);
        var async = await CreateServiceAsync("postgresql", "standard", "big-db");
        Assert.Contains(async, p => p.Instance.LastOperation == "create in progress");
        Assert.Equal("create succeeded", async[^1].Instance.LastOperation);
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => CreateServiceAsync("postgresql", "small", "notes-db"));
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
        var badPlan = await Assert.ThrowsAsync<RpcException>(() => CreateServiceAsync("postgresql", "huge", "x-db"));
        Assert.Contains("small, standard", badPlan.Detail, StringComparison.Ordinal);

        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        await SeedAppAsync("notes", 2);
        await SeedAppAsync("probe", 1);
        await WaitAssignmentsAsync(agent, "notes", 2, env => !env.ContainsKey("DATABASE_URL"), "notes to run without services");

        var binding = await Admin.UnaryAsync(ServicesMethods.BindService, new BindServiceRequest { App = "notes", Name = "notes-db" }, Deadline(60));
        Assert.Contains("VCAP_SERVICES", binding.EnvNames);
        Assert.Contains("DATABASE_URL", binding.EnvNames);
        var bound = await WaitAssignmentsAsync(agent, "notes", 2, env => env.ContainsKey("DATABASE_URL"), "notes' instances to be rolled with DATABASE_URL");
        var env = bound[0];
        var vcap = JsonNode.Parse(env["VCAP_SERVICES"])!["postgresql"]!.AsArray().Single()!.AsObject();
        Assert.Equal("notes-db", vcap["name"]!.GetValue<string>());
        Assert.Equal("postgresql", vcap["label"]!.GetValue<string>());
        Assert.Equal("small", vcap["plan"]!.GetValue<string>());
        Assert.Equal("notes-db", vcap["instance_name"]!.GetValue<string>());
        var credentials = vcap["credentials"]!.AsObject();
        Assert.Equal(credentials["uri"]!.GetValue<string>(), env["DATABASE_URL"]);
        var summary = await Admin.UnaryAsync(ServicesMethods.GetService, new GetServiceRequest { Name = "notes-db" }, Deadline());
        Assert.Equal(["notes"], summary.BoundApps);

        // Neither the broker password nor the binding's password is stored in clear.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Data.Path, "scheduler.db*"))
        {
            var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file));
            Assert.DoesNotContain(_broker.Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(credentials["password"]!.GetValue<string>(), text, StringComparison.Ordinal);
        }

        await using (var connection = await OpenAsync(credentials))
        {
            await ExecuteAsync(connection, "CREATE TABLE notes (id serial PRIMARY KEY, text text NOT NULL)");
            await ExecuteAsync(connection, "INSERT INTO notes (text) VALUES ('hello')");
            await using var count = new NpgsqlCommand("SELECT count(*) FROM notes", connection);
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(ServicesMethods.DeleteService, new DeleteServiceRequest { Name = "notes-db" }, Deadline(60)));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("notes", refused.Detail, StringComparison.Ordinal);

        await Admin.UnaryAsync(ServicesMethods.UnbindService, new BindServiceRequest { App = "notes", Name = "notes-db" }, Deadline(60));
        await WaitAssignmentsAsync(agent, "notes", 2, e => !e.ContainsKey("DATABASE_URL") && !e.ContainsKey("VCAP_SERVICES"), "notes' instances to be rolled without services");
        var roleGone = await Assert.ThrowsAsync<PostgresException>(async () => await OpenAsync(credentials));
        Assert.Equal("28P01", roleGone.SqlState);

        await Admin.UnaryAsync(ServicesMethods.DeleteService, new DeleteServiceRequest { Name = "notes-db" }, Deadline(60));
        var gone = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(ServicesMethods.GetService, new GetServiceRequest { Name = "notes-db" }, Deadline()));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);

        // The asynchronous instance's binding can see the cluster's catalog: the deleted database is gone.
        await Admin.UnaryAsync(ServicesMethods.BindService, new BindServiceRequest { App = "probe", Name = "big-db" }, Deadline(60));
        var probeEnv = (await WaitAssignmentsAsync(agent, "probe", 1, e => e.ContainsKey("DATABASE_URL"), "probe to get DATABASE_URL"))[0];
        var probeCredentials = JsonNode.Parse(probeEnv["VCAP_SERVICES"])!["postgresql"]![0]!["credentials"]!.AsObject();
        await using (var connection = await OpenAsync(probeCredentials))
        {
            await using var databases = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = $1", connection);
            databases.Parameters.AddWithValue(credentials["database"]!.GetValue<string>());
            Assert.Equal(0L, await databases.ExecuteScalarAsync());
        }

        await Admin.UnaryAsync(ServicesMethods.UnbindService, new BindServiceRequest { App = "probe", Name = "big-db" }, Deadline(60));
        await Admin.UnaryAsync(ServicesMethods.DeleteService, new DeleteServiceRequest { Name = "big-db" }, Deadline(90));
        Assert.Empty((await Admin.UnaryAsync(ServicesMethods.ListServices, new ListServicesRequest(), Deadline())).Services);
        var kinds = (await Admin.UnaryAsync(Methods.ListEvents, new ListEventsRequest { App = "notes" }, Deadline())).Events.Select(e => e.Kind).ToList();
        Assert.Contains("service.bound", kinds);
        Assert.Contains("service.unbound", kinds);
    }

    [Fact]
    public async Task BindService_Redis_AppGetsRedisUrl()
    {
        await Admin.UnaryAsync(ServicesMethods.CreateServiceBroker, BrokerRequest(_broker.Password), Deadline(60));
        await CreateServiceAsync("redis", "default", "cache");
        await using var agent = new FakeAgent(Host, "node-1", "127.0.0.11", 61000);
        await agent.RegisterAsync();
        agent.StartWatching();
        await SeedAppAsync("kv", 1);

        await Admin.UnaryAsync(ServicesMethods.BindService, new BindServiceRequest { App = "kv", Name = "cache" }, Deadline(60));

        var env = (await WaitAssignmentsAsync(agent, "kv", 1, e => e.ContainsKey("REDIS_URL"), "kv to get REDIS_URL"))[0];
        Assert.StartsWith("redis://", env["REDIS_URL"], StringComparison.Ordinal);
        Assert.False(env.ContainsKey("DATABASE_URL"));
        await Admin.UnaryAsync(ServicesMethods.UnbindService, new BindServiceRequest { App = "kv", Name = "cache" }, Deadline(60));
        await Admin.UnaryAsync(ServicesMethods.DeleteService, new DeleteServiceRequest { Name = "cache" }, Deadline(60));
    }

    [Fact]
    public async Task CreateServiceBroker_WrongPassword_FailsWithBrokersAnswerAndStoresNothing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Admin.UnaryAsync(ServicesMethods.CreateServiceBroker, BrokerRequest("wrong"), Deadline(60)));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("HTTP 401", error.Detail, StringComparison.Ordinal);
        Assert.Empty((await Admin.UnaryAsync(ServicesMethods.ListServiceBrokers, new ListServiceBrokersRequest(), Deadline())).Brokers);
    }

    private CreateServiceBrokerRequest BrokerRequest(string password) =>
        new() { Name = "minipaas", Url = _broker.Url.ToString(), Username = BrokerProcess.Username, Password = password };

    private async Task<List<ServiceProgress>> CreateServiceAsync(string service, string plan, string name)
    {
        var progress = new List<ServiceProgress>();
        using var call = Admin.ServerStreaming(ServicesMethods.CreateService, new CreateServiceRequest { Service = service, Plan = plan, Name = name }, Deadline(120));
        await foreach (var item in call.ResponseStream)
        {
            progress.Add(item);
        }

        return progress;
    }

    /// <summary>Waits until the agent's newest set holds exactly <paramref name="count"/> instances of the app and all their environments pass <paramref name="check"/>.</summary>
    private async Task<List<IDictionary<string, string>>> WaitAssignmentsAsync(
        FakeAgent agent, string app, int count, Func<IDictionary<string, string>, bool> check, string what) =>
        await Eventually.WaitAsync(
            () => Task.FromResult(agent.Latest?.Assignments.Where(a => a.App == app).Select(a => (IDictionary<string, string>)new Dictionary<string, string>(a.Env)).ToList() ?? []),
            envs => envs.Count == count && envs.All(check),
            what,
            TimeSpan.FromSeconds(60));

    private static async Task<NpgsqlConnection> OpenAsync(JsonObject credentials)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = credentials["host"]!.GetValue<string>(),
            Port = credentials["port"]!.GetValue<int>(),
            Database = credentials["database"]!.GetValue<string>(),
            Username = credentials["username"]!.GetValue<string>(),
            Password = credentials["password"]!.GetValue<string>(),
            Pooling = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
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

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
