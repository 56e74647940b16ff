using MiniPaas.Cli.Connection;

namespace MiniPaas.Cli.Tests.Connection;

public sealed class MiniPaasHomeTests
{
    [Fact]
    public void Resolve_FlagGiven_BeatsTheEnvironment()
    {
        var home = MiniPaasHome.Resolve("/tmp/flag-home", name => name == "MINIPAAS_HOME" ? "/tmp/env-home" : null);

        Assert.Equal("/tmp/flag-home", home);
    }

    [Fact]
    public void Resolve_EnvironmentOnly_UsesMiniPaasHome()
    {
        var home = MiniPaasHome.Resolve(null, name => name == "MINIPAAS_HOME" ? "/tmp/env-home" : null);

        Assert.Equal("/tmp/env-home", home);
    }

    [Fact]
    public void Resolve_Nothing_DefaultsToDotMiniPaasInHome()
    {
        var home = MiniPaasHome.Resolve(null, name => name == "HOME" ? "/home/dev" : null);

        Assert.Equal("/home/dev/.minipaas", home);
    }
}
