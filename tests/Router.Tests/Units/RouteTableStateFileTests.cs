using MiniPaas.Contracts.V1;
using MiniPaas.Router.Discovery;

namespace MiniPaas.Router.Tests.Units;

public sealed class RouteTableStateFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("router-statefile-");

    [Fact]
    public async Task SaveThenLoad_RoundTripsTheTable()
    {
        var file = new RouteTableStateFile(Path.Combine(_directory.FullName, "nested", "routes.json"));
        var table = new RouteTable { Version = long.MaxValue - 1 };
        var app = new AppRoute { App = "hello", LoadBalancing = "least_requests", StickySessions = true };
        app.Matches.Add(new RouteMatch { Host = "hello.localhost", PathPrefix = "/v2" });
        app.Destinations.Add(new RouteDestination { InstanceId = "i-1", Index = 4, Address = "127.0.0.11:61000" });
        table.Apps.Add(app);

        await file.SaveAsync(table, CancellationToken.None);
        var loaded = await file.LoadAsync(CancellationToken.None);

        Assert.Equal(table, loaded);
        Assert.False(File.Exists(file.Path + ".tmp"));
        Assert.Contains("\"hello.localhost\"", await File.ReadAllTextAsync(file.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_NoFile_ReturnsNull()
    {
        var file = new RouteTableStateFile(Path.Combine(_directory.FullName, "missing.json"));

        Assert.Null(await file.LoadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Load_CorruptFile_Throws()
    {
        var path = Path.Combine(_directory.FullName, "corrupt.json");
        await File.WriteAllTextAsync(path, "{ not json");

        await Assert.ThrowsAnyAsync<Exception>(() => new RouteTableStateFile(path).LoadAsync(CancellationToken.None));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
