using System.Net;
using MiniPaas.Broker.Tests.Infrastructure;

namespace MiniPaas.Broker.Tests;

/// <summary>Each test runs its own broker, so it can stop and start it on the same data directory.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Restart_SameDataDirectory_KeepsInstancesBindingsAndWorkingCredentials()
    {
        using var directory = new TempDataDirectory();
        var first = await BrokerTestHost.StartAsync(directory.Path);
        var postgresPort = first.PostgresPort;
        var redisPort = first.RedisPort;
        System.Text.Json.Nodes.JsonObject pgCredentials;
        System.Text.Json.Nodes.JsonObject redisCredentials;
        try
        {
            using var client = first.CreateClient();
            await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync("pg", Ids.Postgres, Ids.Small));
            await ReplyAssert.StatusAsync(HttpStatusCode.Created, client.ProvisionAsync("cache", Ids.Redis, Ids.RedisDefault));
            pgCredentials = (await client.BindAsync("pg", "app", Ids.Postgres, Ids.Small)).Credentials;
            redisCredentials = (await client.BindAsync("cache", "app", Ids.Redis, Ids.RedisDefault)).Credentials;
            await using (var connection = await PostgresBindingTests.OpenAsync(pgCredentials))
            {
                await PostgresBindingTests.ExecuteAsync(connection, "CREATE TABLE kept (x int); INSERT INTO kept VALUES (7);");
            }

            await RedisBindingTests.SetAsync(redisCredentials, "kept", "yes");
        }
        finally
        {
            await first.StopAsync();
        }

        // The key file and database hold the credentials; nothing else needs to survive but the directory.
        Assert.True(File.Exists(Path.Combine(directory.Path, "broker.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory.Path, "broker.key")));
        Assert.DoesNotContain(pgCredentials["password"]!.GetValue<string>(), await ReadAllTextSharedAsync(Path.Combine(directory.Path, "broker.db")));

        await using var second = await BrokerTestHost.StartAsync(directory.Path, postgresPort, redisPort);
        using var again = second.CreateClient();
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, again.GetInstanceAsync("pg"));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, again.GetInstanceAsync("cache"));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, again.ProvisionAsync("pg", Ids.Postgres, Ids.Small));
        var fetched = await again.GetBindingAsync("pg", "app");
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(pgCredentials.ToJsonString(), fetched.Credentials.ToJsonString());

        await using (var connection = await PostgresBindingTests.OpenAsync(pgCredentials))
        {
            await using var command = new Npgsql.NpgsqlCommand("SELECT x FROM kept", connection);
            Assert.Equal(7, await command.ExecuteScalarAsync());
        }

        Assert.Equal("$yes", await RedisBindingTests.GetAsync(redisCredentials, "kept"));

        await ReplyAssert.StatusAsync(HttpStatusCode.OK, again.UnbindAsync("pg", "app", Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, again.UnbindAsync("cache", "app", Ids.Redis, Ids.RedisDefault));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, again.DeprovisionAsync("pg", Ids.Postgres, Ids.Small));
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, again.DeprovisionAsync("cache", Ids.Redis, Ids.RedisDefault));
    }

    [Fact]
    public async Task Restart_DuringAsyncProvision_ResumesTheOperationToSuccess()
    {
        using var directory = new TempDataDirectory();
        string operation;
        var first = await BrokerTestHost.StartAsync(directory.Path, asyncDelay: TimeSpan.FromMinutes(10));
        try
        {
            using var client = first.CreateClient();
            var accepted = await client.ProvisionAsync("slow", Ids.Postgres, Ids.Standard, acceptsIncomplete: true);
            Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
            operation = accepted.Operation!;
            Assert.Equal("in progress", (await client.LastOperationAsync("slow", operation)).State);
        }
        finally
        {
            await first.StopAsync();
        }

        await using var second = await BrokerTestHost.StartAsync(directory.Path, first.PostgresPort, first.RedisPort, asyncDelay: TimeSpan.FromMinutes(10));
        using var again = second.CreateClient();

        var done = await again.WaitForOperationAsync("slow", operation);

        Assert.Equal("succeeded", done.State);
        Assert.True(await second.DatabaseExistsAsync(Backends.Postgres.PostgresBackend.DatabaseName("slow")));
    }

    [Fact]
    public async Task Start_SecondBrokerOnSameDataDirectory_FailsNamingTheDirectory()
    {
        using var directory = new TempDataDirectory();
        await using var first = await BrokerTestHost.StartAsync(directory.Path);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => BrokerTestHost.StartAsync(directory.Path));

        Assert.Contains("Another broker", failure.Message);
        Assert.Contains(directory.Path, failure.Message);
        using var client = first.CreateClient();
        await ReplyAssert.StatusAsync(HttpStatusCode.OK, client.CatalogAsync());
    }

    private static async Task<string> ReadAllTextSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
