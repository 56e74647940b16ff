using System.Net;
using System.Text.Json;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class TagListTests
{
    [Fact]
    public async Task GetTagsList_SeveralTags_ReturnsAllSorted()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        foreach (var tag in new[] { "v2", "latest", "v1", "a.b_c-d" })
        {
            await registry.PushImageAsync("team/app", tag);
        }

        using var response = await registry.Http.GetAsync("/v2/team/app/tags/list");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"name":"team/app","tags":["a.b_c-d","latest","v1","v2"]}""", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Link"));
    }

    [Fact]
    public async Task GetTagsList_PaginatedWithN_FollowsLinkHeaderThroughAllTags()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        var expected = new[] { "t1", "t2", "t3", "t4", "t5" };
        foreach (var tag in expected)
        {
            await registry.PushImageAsync("team/app", tag);
        }

        var seen = new List<string>();
        var pages = 0;
        string? next = "/v2/team/app/tags/list?n=2";
        while (next is not null)
        {
            using var response = await registry.Http.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var page = body.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!).ToArray();
            Assert.True(page.Length <= 2);
            seen.AddRange(page);
            pages++;
            next = response.Headers.TryGetValues("Link", out var links) ? ParseNext(Assert.Single(links)) : null;
        }

        Assert.Equal(expected, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task GetTagsList_WithLast_ReturnsTagsAfterIt()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        foreach (var tag in new[] { "a", "b", "c" })
        {
            await registry.PushImageAsync("team/app", tag);
        }

        using var response = await registry.Http.GetAsync("/v2/team/app/tags/list?last=a&n=1");

        Assert.Equal("""{"name":"team/app","tags":["b"]}""", await response.Content.ReadAsStringAsync());
        Assert.Equal("</v2/team/app/tags/list?n=1&last=b>; rel=\"next\"", Assert.Single(response.Headers.GetValues("Link")));
    }

    [Fact]
    public async Task GetTagsList_InvalidN_Returns400PaginationNumberInvalid()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        await registry.PushImageAsync("team/app", "v1");

        using var response = await registry.Http.GetAsync("/v2/team/app/tags/list?n=-1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("PAGINATION_NUMBER_INVALID", (await RegistryClient.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task GetTagsList_UnknownRepository_Returns404NameUnknown()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/v2/team/nothing/tags/list");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NAME_UNKNOWN", (await RegistryClient.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task GetCatalog_NestedRepositories_ListsThoseWithManifestsSortedAndPaginated()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var registry = server.CreateRegistryClient();
        await registry.PushImageAsync("team/app", "v1");
        await registry.PushImageAsync("team", "v1");
        await registry.PushImageAsync("other/deep/repo", "v1");
        await registry.PushBlobAsync("blobs-only", TestContent.RandomBytes(10));

        using var all = await registry.Http.GetAsync("/v2/_catalog");
        using var firstPage = await registry.Http.GetAsync("/v2/_catalog?n=2");

        Assert.Equal("""{"repositories":["other/deep/repo","team","team/app"]}""", await all.Content.ReadAsStringAsync());
        Assert.Equal("""{"repositories":["other/deep/repo","team"]}""", await firstPage.Content.ReadAsStringAsync());
        Assert.Equal("</v2/_catalog?n=2&last=team>; rel=\"next\"", Assert.Single(firstPage.Headers.GetValues("Link")));
    }

    private static string ParseNext(string link) => link[1..link.IndexOf('>', StringComparison.Ordinal)];
}
