using System.Net;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class NameValidationTests
{
    [Theory]
    [InlineData("/v2/Upper/case/tags/list")]
    [InlineData("/v2/trailing-/tags/list")]
    [InlineData("/v2/a..b/manifests/latest")]
    [InlineData("/v2/-lead/blobs/sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("/v2/a//b/blobs/uploads/")]
    public async Task Request_InvalidRepositoryName_Returns400NameInvalid(string path)
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var request = new HttpRequestMessage(path.EndsWith("/uploads/", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await RegistryClient.ReadErrorAsync(response);
        Assert.Equal("NAME_INVALID", error.Code);
        Assert.Contains("repository name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetManifest_InvalidTag_Returns400TagInvalid()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/v2/library/app/manifests/.hidden");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("TAG_INVALID", (await RegistryClient.ReadErrorAsync(response)).Code);
    }
}
