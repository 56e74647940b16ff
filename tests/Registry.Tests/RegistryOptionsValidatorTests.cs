using MiniPaas.Registry.Hosting;

namespace MiniPaas.Registry.Tests;

public sealed class RegistryOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var options = new RegistryOptions();

        var result = new RegistryOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded);
        Assert.Equal("./data/registry", options.DataDirectory);
        Assert.Equal(2L * 1024 * 1024 * 1024, options.MaxUploadBytes);
        Assert.Null(options.Token);
        Assert.False(options.AllowDelete);
    }

    [Theory]
    [InlineData("", 1, null, "Registry:DataDirectory")]
    [InlineData("data", 0, null, "Registry:MaxUploadBytes")]
    [InlineData("data", 1, " ", "Registry:Token")]
    [InlineData("data", 1, "token ", "Registry:Token")]
    public void Validate_BadSetting_FailsNamingTheSetting(string dataDirectory, long maxUploadBytes, string? token, string setting)
    {
        var options = new RegistryOptions { DataDirectory = dataDirectory, MaxUploadBytes = maxUploadBytes, Token = token };

        var result = new RegistryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
    }
}
