using MiniPaas.Cli.Connection;
using MiniPaas.Cli.Platform;

namespace MiniPaas.Cli.Tests.Platform;

public sealed class PlatformSecretsTests
{
    [Fact]
    public void EnsureTokens_EmptyConfig_GeneratesThreeDistinctTokens()
    {
        var config = new PlatformConfig();

        Assert.True(PlatformSecrets.EnsureTokens(config));

        string[] tokens = [config.AdminToken!, config.NodeToken!, config.RegistryToken!];
        Assert.All(tokens, t => Assert.Matches("^[0-9a-f]{64}$", t));
        Assert.Equal(3, tokens.Distinct().Count());
    }

    [Fact]
    public void EnsureTokens_ExistingTokens_AreKept()
    {
        var config = new PlatformConfig { AdminToken = "a", NodeToken = "n", RegistryToken = "r", LogsToken = "l" };

        Assert.False(PlatformSecrets.EnsureTokens(config));

        Assert.Equal(("a", "n", "r", "l"), (config.AdminToken, config.NodeToken, config.RegistryToken, config.LogsToken));
    }
}
