using MiniPaas.Cli.Platform;
using MiniPaas.Cli.Tests.Support;

namespace MiniPaas.Cli.Tests.Platform;

public sealed class PlatformStateTests : IDisposable
{
    private readonly TempDirectory _home = new();

    [Fact]
    public void Record_SameNameTwice_ReplacesInPlaceKeepingStartOrder()
    {
        var state = new PlatformState();
        state.Record(new ComponentRecord { Name = "registry", Argv = ["a"], Address = "x" });
        state.Record(new ComponentRecord { Name = "scheduler", Argv = ["b"], Address = "y" });
        state.Record(new ComponentRecord { Name = "registry", Argv = ["c"], Address = "z" });

        state.Save(_home.Path);
        var loaded = PlatformState.Load(_home.Path);

        Assert.Equal(["registry", "scheduler"], loaded.Components.Select(c => c.Name));
        Assert.Equal(["c"], loaded.Find("registry")!.Argv);
    }

    [Fact]
    public void Load_NoFile_IsEmpty()
    {
        Assert.Empty(PlatformState.Load(_home.Path).Components);
    }

    public void Dispose() => _home.Dispose();
}
