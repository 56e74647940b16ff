using MiniPaas.Docker.Tests.Fixtures;

namespace MiniPaas.Docker.Tests.Client;

[Collection(DockerEngineCollection.Name)]
public sealed class EngineInfoTests(DockerEngineFixture engine)
{
    [Fact]
    public async Task PingAsync_RunningEngine_Completes()
    {
        await engine.Client.PingAsync();
    }

    [Fact]
    public async Task GetVersionAsync_RunningEngine_ReportsApiVersionThisClientSpeaks()
    {
        var version = await engine.Client.GetVersionAsync();

        Assert.Equal("linux", version.Os);
        Assert.False(string.IsNullOrEmpty(version.Version));
        Assert.True(Version.Parse(version.ApiVersion) >= new Version(1, 41), $"engine API {version.ApiVersion} is older than 1.41");
        Assert.True(Version.Parse(version.MinApiVersion) <= new Version(1, 41), $"engine no longer accepts 1.41 (min {version.MinApiVersion})");
    }
}
