using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Platform;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BrokerComponentTests : IDisposable
{
    private readonly FakeRepository _repository = new();

    public BrokerComponentTests()
    {
        // FakeRepository builds the four original components; the broker's dll is put beside them here.
        Directory.CreateDirectory(Path.GetDirectoryName(_repository.Dll("Broker"))!);
        File.WriteAllText(_repository.Dll("Broker"), "");
    }

    [Fact]
    public void Create_Layout_PassesPortsOnArgvAndPasswordOnlyByEnvironment()
    {
        using var home = new TempDirectory();
        var config = new PlatformConfig { BrokerPassword = "broker-secret" };

        var broker = BrokerComponent.Create(new PlatformLayout { Home = home.Path, BrokerPort = 17190 }, config, new BuildOutputs(_repository.Root, _repository.Configuration));

        Assert.Equal("broker", broker.Name);
        Assert.Equal(
            [
                Executables.DotnetHost(), _repository.Dll("Broker"),
                "--urls", "http://127.0.0.1:17190",
                $"--MiniPaas:Broker:DataDirectory={BrokerComponent.DataDirectory(home.Path)}",
                "--MiniPaas:Broker:Username=platform",
                "--MiniPaas:Broker:Postgres:Port=7432",
                "--MiniPaas:Broker:Redis:Port=7379",
                "--MiniPaas:LogAggregatorAddress=http://127.0.0.1:7080",
            ],
            broker.Launch.Argv);
        Assert.DoesNotContain(broker.Launch.Argv, a => a.Contains("broker-secret", StringComparison.Ordinal));
        Assert.Equal("broker-secret", broker.Launch.Environment["MiniPaas__Broker__Password"]);
        Assert.Equal(17190, broker.Ports[0].Port);
    }

    [Fact]
    public void DataDirectory_HomeOthersCannotEnter_MovesUnderVarLibPerHome()
    {
        using var parent = new TempDirectory();
        var closed = Path.Combine(parent.Path, "closed");
        Directory.CreateDirectory(closed, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var open = Path.Combine(parent.Path, "open");
        Directory.CreateDirectory(open, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(parent.Path, File.GetUnixFileMode(parent.Path) | UnixFileMode.OtherExecute);

        var moved = BrokerComponent.DataDirectory(Path.Combine(closed, "home"));

        Assert.StartsWith("/var/lib/minipaas/broker-", moved, StringComparison.Ordinal);
        Assert.NotEqual(moved, BrokerComponent.DataDirectory(Path.Combine(closed, "other-home")));
        Assert.Equal(Path.Combine(open, "broker"), BrokerComponent.DataDirectory(open));
    }

    public void Dispose() => _repository.Dispose();
}
