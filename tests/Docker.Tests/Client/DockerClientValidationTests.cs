using System.Text;
using System.Text.Json;

namespace MiniPaas.Docker.Tests.Client;

/// <summary>Checks that need no engine: bad input is refused before anything is sent.</summary>
public sealed class DockerClientValidationTests
{
    [Fact]
    public void EncodeRegistryAuth_Credentials_ProducesBase64UrlJsonTheEngineReads()
    {
        var encoded = DockerClient.EncodeRegistryAuth("user", "p@ss/w+rd?", "127.0.0.1:5000");

        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        var json = Encoding.UTF8.GetString(Convert.FromBase64String(encoded.Replace('-', '+').Replace('_', '/')));
        using var document = JsonDocument.Parse(json);
        Assert.Equal("user", document.RootElement.GetProperty("username").GetString());
        Assert.Equal("p@ss/w+rd?", document.RootElement.GetProperty("password").GetString());
        Assert.Equal("127.0.0.1:5000", document.RootElement.GetProperty("serveraddress").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.41")]
    [InlineData("v1")]
    public void Constructor_MalformedApiVersion_ThrowsArgumentExceptionNamingIt(string apiVersion)
    {
        var error = Assert.Throws<ArgumentException>(() => new DockerClient(new DockerClientOptions { ApiVersion = apiVersion }));

        Assert.Contains("ApiVersion", error.Message);
    }

    [Fact]
    public void Constructor_EmptySocketPath_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => new DockerClient(new DockerClientOptions { SocketPath = " " }));

        Assert.Contains("SocketPath", error.Message);
    }

    [Theory]
    [InlineData("../images/json")]
    [InlineData("abc?force=1")]
    [InlineData("a/b")]
    public async Task StartContainerAsync_IdThatWouldEscapeThePath_ThrowsArgumentException(string id)
    {
        using var client = new DockerClient(new DockerClientOptions { SocketPath = "/nonexistent/never-used.sock" });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.StartContainerAsync(id));

        Assert.Contains(id, error.Message);
    }

    [Fact]
    public async Task CreateContainerAsync_MissingImage_ThrowsArgumentException()
    {
        using var client = new DockerClient(new DockerClientOptions { SocketPath = "/nonexistent/never-used.sock" });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.CreateContainerAsync(new CreateContainerRequest { Cmd = ["true"] }));

        Assert.Contains("Image", error.Message);
    }

    [Fact]
    public async Task ReadLogsAsync_NoStreamSelected_ThrowsArgumentException()
    {
        using var client = new DockerClient(new DockerClientOptions { SocketPath = "/nonexistent/never-used.sock" });

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in client.ReadLogsAsync("abc", new LogsOptions { Stdout = false, Stderr = false }))
            {
            }
        });

        Assert.Contains("Stdout", error.Message);
    }
}
