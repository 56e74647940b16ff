using MiniPaas.Broker.Hosting;

namespace MiniPaas.Broker.Tests;

public sealed class BrokerOptionsValidatorTests
{
    private static BrokerOptions Valid() => new() { Username = "platform", Password = "secret" };

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new BrokerOptionsValidator().Validate(null, Valid());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_MissingCredentials_FailsNamingBothSettings()
    {
        var result = new BrokerOptionsValidator().Validate(null, new BrokerOptions());

        Assert.True(result.Failed);
        Assert.Contains("MiniPaas:Broker:Username", result.FailureMessage);
        Assert.Contains("MiniPaas:Broker:Password", result.FailureMessage);
    }

    [Fact]
    public void Validate_BadPortsDelayAndUrl_FailsNamingEachSetting()
    {
        var options = Valid();
        options.Postgres.Port = 0;
        options.Redis.Port = 70000;
        options.AsyncProvisionDelay = TimeSpan.FromSeconds(-1);
        options.ListenUrl = "ftp://127.0.0.1:1";
        options.Username = "with:colon";

        var message = new BrokerOptionsValidator().Validate(null, options).FailureMessage;

        Assert.Contains("MiniPaas:Broker:Postgres:Port", message);
        Assert.Contains("MiniPaas:Broker:Redis:Port", message);
        Assert.Contains("MiniPaas:Broker:AsyncProvisionDelay", message);
        Assert.Contains("MiniPaas:Broker:ListenUrl", message);
        Assert.Contains("MiniPaas:Broker:Username must not contain ':'", message);
    }

    [Fact]
    public void Validate_SamePortForBothServers_Fails()
    {
        var options = Valid();
        options.Redis.Port = options.Postgres.Port;

        var message = new BrokerOptionsValidator().Validate(null, options).FailureMessage;

        Assert.Contains("must differ", message);
    }
}
