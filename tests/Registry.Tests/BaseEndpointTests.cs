using System.Net;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class BaseEndpointTests
{
    [Fact]
    public async Task GetBase_NoTokenConfigured_Returns200WithEmptyJsonAndApiVersion()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        Assert.Equal("registry/2.0", Assert.Single(response.Headers.GetValues("Docker-Distribution-API-Version")));
    }

    [Fact]
    public async Task Get_UnknownPath_Returns404WithSpecErrorBody()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var response = await client.GetAsync("/v2/library/app/nonsense");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("UNSUPPORTED", (await RegistryClient.ReadErrorAsync(response)).Code);
    }

    [Fact]
    public async Task Post_OnManifestRoute_Returns405Unsupported()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"));
        using var client = server.CreateClient();

        using var response = await client.PostAsync("/v2/library/app/manifests/latest", new ByteArrayContent([]));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("UNSUPPORTED", (await RegistryClient.ReadErrorAsync(response)).Code);
    }
}
