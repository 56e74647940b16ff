using System.Net;
using MiniPaas.EndToEnd.Tests.Platform;

namespace MiniPaas.EndToEnd.Tests.Services;

/// <summary>
/// The service broker issue end to end: samples/notes (a real ASP.NET app, staged from source)
/// bound to a PostgreSQL and a Redis instance from the built-in broker writes and reads through
/// the router; unbinding takes the database away again.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ServicesTests(PlatformFixture platform)
{
    [Fact]
    public async Task BindService_NotesApp_WritesAndReadsPostgresAndRedisThroughTheRouter()
    {
        (await platform.RunCliAsync("create-service", "postgresql", "small", "notes-db")).EnsureSuccess();
        (await platform.RunCliAsync("create-service", "redis", "default", "notes-cache")).EnsureSuccess();

        var sample = Path.Combine(platform.RepoRoot, "samples", "notes");
        (await platform.RunCliAsync("push", "notes", "-p", sample, "-i", "1", "-m", "256M", "-k", "64M")).EnsureSuccess();
        await platform.WaitForRunningAsync("notes", 1);

        (await platform.RunCliAsync("bind-service", "notes", "notes-db")).EnsureSuccess();
        (await platform.RunCliAsync("bind-service", "notes", "notes-cache")).EnsureSuccess();

        // Binding rolls the app; the new instance has DATABASE_URL and REDIS_URL.
        var marker = $"note-{Guid.NewGuid():N}"[..16];
        await Eventually.UntilAsync(
            () => SendAsync(HttpMethod.Post, $"/notes?text={marker}"),
            r => (int)r.Status is >= 200 and < 300,
            TimeSpan.FromSeconds(90),
            "the rolled instance to write a note to PostgreSQL");

        // While the second binding rolls, an instance from before it may still answer: wait for
        // the rollout to leave only bound instances.
        await Eventually.UntilAsync(
            () => SendAsync(HttpMethod.Get, "/notes"),
            r => r.Status == HttpStatusCode.OK && r.Body.Contains(marker, StringComparison.Ordinal),
            TimeSpan.FromSeconds(90),
            "the note to be read back from PostgreSQL");

        await Eventually.UntilAsync(
            () => SendAsync(HttpMethod.Post, $"/kv/greeting?value={marker}"),
            r => (int)r.Status is >= 200 and < 300,
            TimeSpan.FromSeconds(30),
            "the instance to write a key to Redis");
        await Eventually.UntilAsync(
            () => SendAsync(HttpMethod.Get, "/kv/greeting"),
            r => r.Status == HttpStatusCode.OK && r.Body.Contains(marker, StringComparison.Ordinal),
            TimeSpan.FromSeconds(30),
            "the key to be read back from Redis");

        // A bound service cannot be deleted; after unbinding (which rolls the app again) it can.
        var refused = await platform.RunCliAsync("delete-service", "notes-db");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("notes", refused.Stderr, StringComparison.Ordinal);
        (await platform.RunCliAsync("unbind-service", "notes", "notes-db")).EnsureSuccess();
        await Eventually.UntilAsync(
            () => SendAsync(HttpMethod.Get, "/notes"),
            r => r.Status == HttpStatusCode.ServiceUnavailable && r.Body.Contains("DATABASE_URL is not set", StringComparison.Ordinal),
            TimeSpan.FromSeconds(90),
            "the app to lose its database after unbinding");
        (await platform.RunCliAsync("delete-service", "notes-db")).EnsureSuccess();

        (await platform.RunCliAsync("delete", "notes", "-f")).EnsureSuccess();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, $"http://127.0.0.1:{platform.RouterPort}{path}");
        request.Headers.Host = $"notes.localhost:{platform.RouterPort}";
        using var response = await platform.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
