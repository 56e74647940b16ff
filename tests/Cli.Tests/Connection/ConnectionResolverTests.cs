using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Hosting;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Connection;

public sealed class ConnectionResolverTests : IDisposable
{
    private readonly TempDirectory _home = new();
    private readonly Dictionary<string, string> _environment = [];

    [Fact]
    public void Resolve_FlagsEnvironmentAndConfig_FlagsWin()
    {
        WriteConfig("http://127.0.0.1:7001", "config-token");
        _environment[ConnectionResolver.ApiVariable] = "127.0.0.1:7002";
        _environment[ConnectionResolver.TokenVariable] = "env-token";

        var settings = Resolve("127.0.0.1:7003", "flag-token");

        Assert.Equal(new Uri("http://127.0.0.1:7003"), settings.Api);
        Assert.Equal("flag-token", settings.Token);
        Assert.Equal("--api", settings.ApiSource);
        Assert.Equal("--token", settings.TokenSource);
    }

    [Fact]
    public void Resolve_EnvironmentAndConfig_EnvironmentWins()
    {
        WriteConfig("http://127.0.0.1:7001", "config-token");
        _environment[ConnectionResolver.ApiVariable] = "http://127.0.0.1:7002";
        _environment[ConnectionResolver.TokenVariable] = "env-token";

        var settings = Resolve(null, null);

        Assert.Equal(new Uri("http://127.0.0.1:7002"), settings.Api);
        Assert.Equal("env-token", settings.Token);
        Assert.Equal("MINIPAAS_TOKEN", settings.TokenSource);
    }

    [Fact]
    public void Resolve_OnlyConfig_UsesConfig()
    {
        WriteConfig("http://127.0.0.1:7001", "config-token");

        var settings = Resolve(null, null);

        Assert.Equal(new Uri("http://127.0.0.1:7001"), settings.Api);
        Assert.Equal("config-token", settings.Token);
        Assert.Equal(Path.Combine(_home.Path, "config.json"), settings.ApiSource);
    }

    [Fact]
    public void Resolve_EachValueOnItsOwn_TokenFromEnvironmentAddressFromConfig()
    {
        WriteConfig("http://127.0.0.1:7001", "config-token");
        _environment[ConnectionResolver.TokenVariable] = "env-token";
        _environment[ConnectionResolver.ApiVariable] = "  ";

        var settings = Resolve(null, null);

        Assert.Equal(new Uri("http://127.0.0.1:7001"), settings.Api);
        Assert.Equal("env-token", settings.Token);
    }

    [Fact]
    public void Resolve_NothingAnywhere_DefaultAddressAndNoToken()
    {
        var settings = Resolve(null, null);

        Assert.Equal(new Uri("http://127.0.0.1:7070"), settings.Api);
        Assert.Null(settings.Token);
        Assert.Equal("default", settings.ApiSource);
    }

    [Fact]
    public void Resolve_BrokenConfig_NamesTheFile()
    {
        File.WriteAllText(Path.Combine(_home.Path, "config.json"), "{ not json");

        var error = Assert.Throws<CliException>(() => Resolve(null, null));

        Assert.StartsWith(Path.Combine(_home.Path, "config.json") + ": is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:7070", "http://127.0.0.1:7070/")]
    [InlineData("http://localhost:9000", "http://localhost:9000/")]
    [InlineData("http://127.0.0.1:7070/", "http://127.0.0.1:7070/")]
    public void ParseAddress_ValidForms_GiveAnHttpUri(string text, string expected)
    {
        Assert.Equal(expected, ConnectionResolver.ParseAddress(text, "--api").ToString());
    }

    [Theory]
    [InlineData("https://127.0.0.1:7070")]
    [InlineData("http://127.0.0.1:7070/api")]
    [InlineData("not an address")]
    public void ParseAddress_InvalidForms_NameTheSource(string text)
    {
        var error = Assert.Throws<CliException>(() => ConnectionResolver.ParseAddress(text, "MINIPAAS_API"));

        Assert.Equal($"MINIPAAS_API: \"{text}\" is not a controller address (use 127.0.0.1:7070 or http://127.0.0.1:7070)", error.Message);
    }

    [Fact]
    public void Resolve_BadAddressInEnvironment_NamesTheVariable()
    {
        _environment[ConnectionResolver.ApiVariable] = "https://x:1";

        var error = Assert.Throws<CliException>(() => Resolve(null, null));

        Assert.StartsWith("MINIPAAS_API: ", error.Message, StringComparison.Ordinal);
    }

    private ConnectionSettings Resolve(string? api, string? token) =>
        ConnectionResolver.Resolve(api, token, name => _environment.GetValueOrDefault(name), _home.Path);

    private void WriteConfig(string api, string token) =>
        new PlatformConfig { Api = api, AdminToken = token }.Save(_home.Path);

    public void Dispose() => _home.Dispose();
}
