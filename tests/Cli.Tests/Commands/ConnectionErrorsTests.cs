using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Commands;

public sealed class ConnectionErrorsTests : IAsyncLifetime
{
    private readonly TempDirectory _home = new();
    private readonly CliRun _cli = new();
    private ScriptedController _controller = null!;

    public async Task InitializeAsync()
    {
        _controller = await ScriptedController.StartAsync();
        _cli.Environment["MINIPAAS_HOME"] = _home.Path;
    }

    [Fact]
    public async Task Apps_NothingListening_SaysThePlatformIsNotUp()
    {
        var port = FreePort.Next();

        var result = await _cli.RunAsync("apps", "--api", $"127.0.0.1:{port}", "--token", "x");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"error: cannot reach the controller at http://127.0.0.1:{port}: is the platform up?", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("the address came from --api", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apps_NoTokenAnywhere_TellsToRunUpOrSetTheToken()
    {
        var result = await _cli.RunAsync("apps", "--api", _controller.HostAndPort);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: a valid admin token is required", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("no token was given: run `minipaas up`", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("MINIPAAS_TOKEN", result.Stderr, StringComparison.Ordinal);
        Assert.Equal([null], _controller.State.Authorizations);
    }

    [Fact]
    public async Task Apps_WrongToken_NamesWhereTheTokenCameFrom()
    {
        _cli.Environment["MINIPAAS_TOKEN"] = "stale";

        var result = await _cli.RunAsync("apps", "--api", _controller.HostAndPort);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("the token from MINIPAAS_TOKEN was refused", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apps_ConfigJsonInHome_SuppliesAddressAndToken()
    {
        new PlatformConfig { Api = _controller.Address.ToString(), AdminToken = ScriptedControllerState.Token }.Save(_home.Path);

        var result = await _cli.RunAsync("apps");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["Bearer " + ScriptedControllerState.Token], _controller.State.Authorizations);
    }

    [Fact]
    public async Task Apps_HomeFlag_BeatsTheEnvironment()
    {
        using var other = new TempDirectory();
        new PlatformConfig { Api = _controller.Address.ToString(), AdminToken = ScriptedControllerState.Token }.Save(other.Path);
        new PlatformConfig { Api = "127.0.0.1:1", AdminToken = "wrong" }.Save(_home.Path);

        var result = await _cli.RunAsync("apps", "--home", other.Path);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Apps_TokenFlag_BeatsConfigJson()
    {
        new PlatformConfig { Api = _controller.Address.ToString(), AdminToken = "wrong" }.Save(_home.Path);

        var result = await _cli.RunAsync("apps", "--token", ScriptedControllerState.Token);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Apps_InvalidApiFlag_NamesIt()
    {
        var result = await _cli.RunAsync("apps", "--api", "https://127.0.0.1:7070");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: --api: \"https://127.0.0.1:7070\" is not a controller address (use 127.0.0.1:7070 or http://127.0.0.1:7070)", result.Stderr.Trim());
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        _home.Dispose();
    }
}
