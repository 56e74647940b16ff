using System.Net;
using System.Text.Json;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class TagImmutabilityTests
{
    [Fact]
    public async Task PutManifest_SameBytesToSameTag_Returns201Again()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var manifest = await registry.PushImageAsync("team/app", "v1");

        using var again = await registry.PutManifestAsync("team/app", "v1", manifest);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(TestContent.DigestOf(manifest), Assert.Single(again.Headers.GetValues("Docker-Content-Digest")));
    }

    [Fact]
    public async Task PutManifest_DifferentDigestToExistingTag_Returns409AndTagKeepsFirstDigest()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var first = await registry.PushImageAsync("team/app", "v1");
        var secondConfig = TestContent.Config();
        await registry.PushBlobAsync("team/app", secondConfig);
        var second = TestContent.ImageManifest(secondConfig);

        using var conflict = await registry.PutManifestAsync("team/app", "v1", second);

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(conflict);
        Assert.Equal("DENIED", error.Code);
        Assert.Contains("\"v1\"", error.Message, StringComparison.Ordinal);
        Assert.Contains(TestContent.DigestOf(first), error.Message, StringComparison.Ordinal);
        Assert.Contains(TestContent.DigestOf(second), error.Message, StringComparison.Ordinal);
        using (var detail = JsonDocument.Parse(error.DetailJson))
        {
            Assert.Equal(TestContent.DigestOf(first), detail.RootElement.GetProperty("existing").GetString());
        }

        using var get = await registry.Http.GetAsync("/v2/team/app/manifests/v1");
        Assert.Equal(first, await get.Content.ReadAsByteArrayAsync());
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 16 && e.Level == LogLevel.Warning);
        using var secondByDigest = await registry.Http.GetAsync($"/v2/team/app/manifests/{TestContent.DigestOf(second)}");
        Assert.Equal(HttpStatusCode.NotFound, secondByDigest.StatusCode);
    }

    [Fact]
    public async Task PutManifest_ConcurrentPushesOfDifferentDigestsToOneTag_ExactlyOneWins()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var manifests = new List<byte[]>();
        for (var i = 0; i < 8; i++)
        {
            var config = TestContent.Config();
            await registry.PushBlobAsync("team/app", config);
            manifests.Add(TestContent.ImageManifest(config));
        }

        var responses = await Task.WhenAll(manifests.Select(m => registry.PutManifestAsync("team/app", "race", m)));

        var winners = responses.Where(r => r.StatusCode == HttpStatusCode.Created).ToArray();
        Assert.Single(winners);
        Assert.All(responses.Except(winners), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var winningDigest = Assert.Single(winners[0].Headers.GetValues("Docker-Content-Digest"));
        using var head = await registry.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/team/app/manifests/race"));
        Assert.Equal(winningDigest, Assert.Single(head.Headers.GetValues("Docker-Content-Digest")));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
