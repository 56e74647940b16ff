using System.Net;
using System.Net.Http.Headers;
using System.Text;
using MiniPaas.Registry.Tests.Infrastructure;

namespace MiniPaas.Registry.Tests;

public sealed class AuthenticationTests
{
    private const string Token = "s3cret-registry-token";

    [Theory]
    [InlineData("/v2/")]
    [InlineData("/v2/_catalog")]
    [InlineData("/v2/library/app/tags/list")]
    public async Task Get_TokenRequiredButMissing_Returns401WithBasicChallenge(string path)
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.Token = Token);
        using var client = server.CreateClient(authenticate: false);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Basic", challenge.Scheme);
        Assert.Equal("realm=\"minipaas\"", challenge.Parameter);
        Assert.Equal("UNAUTHORIZED", (await RegistryClient.ReadErrorAsync(response)).Code);
    }

    [Theory]
    [InlineData("Basic", "user:wrong")]
    [InlineData("Basic", "no-colon-at-all")]
    [InlineData("Bearer", "wrong")]
    public async Task Get_WrongCredentials_Returns401AndLogsRejection(string scheme, string credentials)
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.Token = Token);
        using var client = server.CreateClient(authenticate: false);
        var parameter = scheme == "Basic" ? Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)) : credentials;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(scheme, parameter);

        using var response = await client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(server.Logs.Entries, e => e.EventId.Id == 3 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Get_BasicWithTokenAsPassword_Returns200()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.Token = Token);
        using var client = server.CreateClient(authenticate: false);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"whoever:{Token}")));

        using var response = await client.GetAsync("/v2/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PushAndPull_BearerToken_Succeeds()
    {
        using var temp = new TempDirectory();
        await using var server = await RegistryTestServer.StartAsync(temp.Sub("data"), o => o.Token = Token);
        var http = server.CreateClient(authenticate: false);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var registry = new RegistryClient(http);

        var manifest = await registry.PushImageAsync("team/app", "v1");
        using var response = await http.GetAsync("/v2/team/app/manifests/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(manifest, await response.Content.ReadAsByteArrayAsync());
    }
}
