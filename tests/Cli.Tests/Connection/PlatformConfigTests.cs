using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Connection;

public sealed class PlatformConfigTests : IDisposable
{
    private readonly TempDirectory _home = new();

    [Fact]
    public void Save_NewFile_IsReadableByTheOwnerOnly()
    {
        new PlatformConfig { AdminToken = "secret" }.Save(_home.Path);

        var mode = File.GetUnixFileMode(Path.Combine(_home.Path, PlatformConfig.FileName));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public void Save_ExistingWorldReadableFile_BecomesOwnerOnly()
    {
        var path = Path.Combine(_home.Path, PlatformConfig.FileName);
        File.WriteAllText(path, "{}");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        new PlatformConfig { AdminToken = "secret" }.Save(_home.Path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Load_AfterSave_ReturnsTheSameValues()
    {
        new PlatformConfig
        {
            Api = "http://127.0.0.1:7070",
            AdminToken = "a",
            NodeToken = "n",
            RegistryToken = "r",
            Registry = "http://127.0.0.1:5000",
        }.Save(_home.Path);

        var loaded = PlatformConfig.Load(_home.Path);

        Assert.NotNull(loaded);
        Assert.Equal(("http://127.0.0.1:7070", "a", "n", "r", "http://127.0.0.1:5000", (string?)null),
            (loaded.Api, loaded.AdminToken, loaded.NodeToken, loaded.RegistryToken, loaded.Registry, loaded.Router));
        Assert.Contains("\"adminToken\": \"a\"", File.ReadAllText(Path.Combine(_home.Path, PlatformConfig.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoFile_ReturnsNull()
    {
        Assert.Null(PlatformConfig.Load(_home.Path));
    }

    public void Dispose() => _home.Dispose();
}
