// A tiny app that uses bound services: POST /notes?text=... stores a row and GET /notes lists
// them (PostgreSQL, from DATABASE_URL); GET/POST /kv/{key} reads and writes a string (Redis, from
// REDIS_URL). Without a binding the endpoints answer 503 saying which variable is missing.
using Notes;
using Npgsql;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")))
{
    builder.WebHost.UseUrls($"http://0.0.0.0:{Environment.GetEnvironmentVariable("PORT") ?? "8080"}");
}

var app = builder.Build();
var databaseUrl = Environment.GetEnvironmentVariable("DATABASE_URL");
var redisUrl = Environment.GetEnvironmentVariable("REDIS_URL");
NpgsqlDataSource? database = string.IsNullOrEmpty(databaseUrl) ? null : NpgsqlDataSource.Create(PostgresUrl.ToConnectionString(databaseUrl));
var instance = Environment.GetEnvironmentVariable("INSTANCE_INDEX") ?? "0";

app.MapGet("/health", () => Results.Text("ok\n"));
app.MapGet("/", () => Results.Text(
    $"notes instance {instance}: database {(database is null ? "not bound" : "bound")}, redis {(string.IsNullOrEmpty(redisUrl) ? "not bound" : "bound")}\n"));

app.MapPost("/notes", async (string? text, CancellationToken ct) =>
{
    if (database is null)
    {
        return Results.Text("DATABASE_URL is not set: bind a postgresql service (minipaas bind-service notes DB)\n", statusCode: 503);
    }

    if (string.IsNullOrWhiteSpace(text))
    {
        return Results.Text("give the note as ?text=...\n", statusCode: 400);
    }

    await EnsureTableAsync(database, ct);
    await using var insert = database.CreateCommand("INSERT INTO notes (text) VALUES ($1) RETURNING id");
    insert.Parameters.AddWithValue(text);
    var id = await insert.ExecuteScalarAsync(ct);
    return Results.Text($"note {id} saved by instance {instance}\n", statusCode: 201);
});

app.MapGet("/notes", async (CancellationToken ct) =>
{
    if (database is null)
    {
        return Results.Text("DATABASE_URL is not set: bind a postgresql service (minipaas bind-service notes DB)\n", statusCode: 503);
    }

    await EnsureTableAsync(database, ct);
    await using var select = database.CreateCommand("SELECT id, text, created FROM notes ORDER BY id");
    await using var reader = await select.ExecuteReaderAsync(ct);
    var lines = new System.Text.StringBuilder();
    while (await reader.ReadAsync(ct))
    {
        lines.Append(reader.GetInt32(0)).Append('\t').Append(reader.GetDateTime(2).ToString("u")).Append('\t').Append(reader.GetString(1)).Append('\n');
    }

    return Results.Text(lines.ToString());
});

app.MapGet("/kv/{key}", async (string key, CancellationToken ct) =>
{
    if (string.IsNullOrEmpty(redisUrl))
    {
        return Results.Text("REDIS_URL is not set: bind a redis service (minipaas bind-service notes CACHE)\n", statusCode: 503);
    }

    await using var redis = await RespClient.ConnectAsync(redisUrl, ct);
    var value = await redis.CommandAsync(ct, "GET", redis.KeyPrefix + key);
    return value is null ? Results.NotFound() : Results.Text(value + "\n");
});

app.MapPost("/kv/{key}", async (string key, string? value, CancellationToken ct) =>
{
    if (string.IsNullOrEmpty(redisUrl))
    {
        return Results.Text("REDIS_URL is not set: bind a redis service (minipaas bind-service notes CACHE)\n", statusCode: 503);
    }

    await using var redis = await RespClient.ConnectAsync(redisUrl, ct);
    await redis.CommandAsync(ct, "SET", redis.KeyPrefix + key, value ?? "");
    return Results.Text($"{key} set\n");
});

app.Run();

static async Task EnsureTableAsync(NpgsqlDataSource database, CancellationToken ct)
{
    await using var create = database.CreateCommand(
        "CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, text text NOT NULL, created timestamptz NOT NULL DEFAULT now())");
    await create.ExecuteNonQueryAsync(ct);
}
