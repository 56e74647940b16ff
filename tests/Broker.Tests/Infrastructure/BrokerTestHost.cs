using Microsoft.Extensions.DependencyInjection;
using MiniPaas.Broker.Hosting;
using MiniPaas.Broker.Servers;
using Npgsql;

namespace MiniPaas.Broker.Tests.Infrastructure;

/// <summary>
/// The broker in-process on a real Kestrel (127.0.0.1, OS-chosen port), with its real PostgreSQL cluster and
/// Redis server on free ports and its state in <see cref="DataDirectory"/>. Stopping it stops both servers.
/// </summary>
internal sealed class BrokerTestHost : IAsyncDisposable
{
    public const string Username = "platform";
    public const string Password = "broker-test-password";

    private readonly WebApplication _app;
    private bool _stopped;

    private BrokerTestHost(WebApplication app, Uri address, string dataDirectory, int postgresPort, int redisPort)
    {
        _app = app;
        Address = address;
        DataDirectory = dataDirectory;
        PostgresPort = postgresPort;
        RedisPort = redisPort;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public int PostgresPort { get; }

    public int RedisPort { get; }

    public static async Task<BrokerTestHost> StartAsync(string dataDirectory, int? postgresPort = null, int? redisPort = null, TimeSpan? asyncDelay = null)
    {
        var pgPort = postgresPort ?? FreePort.Next();
        var rdPort = redisPort ?? FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddBroker(options =>
        {
            options.DataDirectory = dataDirectory;
            options.Username = Username;
            options.Password = Password;
            // Long enough that a poll right after the 202 reliably sees "in progress", even on a busy machine.
            options.AsyncProvisionDelay = asyncDelay ?? TimeSpan.FromSeconds(2.5);
            options.Postgres.Port = pgPort;
            options.Redis.Port = rdPort;
        });

        var app = builder.Build();
        app.MapBroker();
        await app.StartAsync();
        return new BrokerTestHost(app, new Uri(app.Urls.Single()), dataDirectory, pgPort, rdPort);
    }

    public OsbClient CreateClient(string? username = Username, string? password = Password, string? apiVersion = OsbClient.ApiVersion) =>
        new(Address, username, password, apiVersion);

    /// <summary>The broker's own superuser connection to its cluster, to look at what provisioning did.</summary>
    public NpgsqlDataSource PostgresAdmin => _app.Services.GetRequiredService<PostgresServer>().Admin;

    public async Task<bool> DatabaseExistsAsync(string database)
    {
        await using var command = PostgresAdmin.CreateCommand("SELECT 1 FROM pg_database WHERE datname = $1");
        command.Parameters.AddWithValue(database);
        return await command.ExecuteScalarAsync() is not null;
    }

    public async Task<bool> RoleExistsAsync(string role)
    {
        await using var command = PostgresAdmin.CreateCommand("SELECT 1 FROM pg_roles WHERE rolname = $1");
        command.Parameters.AddWithValue(role);
        return await command.ExecuteScalarAsync() is not null;
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
