using MiniPaas.Router.Hosting;

namespace MiniPaas.Router.Tests.Units;

public sealed class RouterOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_AreValidAndLoopback()
    {
        var options = new RouterOptions();

        var result = new RouterOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.Equal("http://127.0.0.1:8080", options.ListenUrl);
        Assert.Equal("http://127.0.0.1:8081", options.AdminUrl);
        Assert.Equal("http://127.0.0.1:7070", options.SchedulerAddress);
        Assert.StartsWith("router-", options.EffectiveRouterId, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(RouterOptions.ListenUrl), "https://127.0.0.1:8080", "MiniPaas:Router:ListenUrl \"https://127.0.0.1:8080\" is not an http:// URL")]
    [InlineData(nameof(RouterOptions.ListenUrl), "http://127.0.0.1", "MiniPaas:Router:ListenUrl \"http://127.0.0.1\" has no port")]
    [InlineData(nameof(RouterOptions.ListenUrl), "http://example.com:80", "must name an IP address")]
    [InlineData(nameof(RouterOptions.ListenUrl), "http://127.0.0.1:8080/x", "must not have a path")]
    [InlineData(nameof(RouterOptions.AdminUrl), "http://127.0.0.1:8080", "MiniPaas:Router:AdminUrl must differ from MiniPaas:Router:ListenUrl")]
    [InlineData(nameof(RouterOptions.SchedulerAddress), "127.0.0.1:7070", "MiniPaas:Router:SchedulerAddress \"127.0.0.1:7070\" is not an absolute http://")]
    [InlineData(nameof(RouterOptions.Token), " ", "MiniPaas:Router:Token must not be empty")]
    [InlineData(nameof(RouterOptions.StateFile), "", "MiniPaas:Router:StateFile \"\" must be a file path")]
    [InlineData(nameof(RouterOptions.MaxForwardAttempts), "0", "MiniPaas:Router:MaxForwardAttempts must be between 1 and 10; it is 0")]
    [InlineData(nameof(RouterOptions.MaxReplayBodyBytes), "-1", "MiniPaas:Router:MaxReplayBodyBytes must be between 0 and 16 MiB")]
    [InlineData(nameof(RouterOptions.ConnectTimeout), "00:00:00", "MiniPaas:Router:ConnectTimeout must be greater than zero")]
    [InlineData(nameof(RouterOptions.ReconnectMaxDelay), "00:00:00.100", "MiniPaas:Router:ReconnectMaxDelay (00:00:00.1000000) must not be shorter than MiniPaas:Router:ReconnectInitialDelay")]
    [InlineData(nameof(RouterOptions.AffinityCookieName), "bad cookie", "MiniPaas:Router:AffinityCookieName \"bad cookie\" must be a cookie name")]
    public void Validate_BadSetting_FailsNamingIt(string setting, string value, string expected)
    {
        var options = new RouterOptions();
        var property = typeof(RouterOptions).GetProperty(setting)!;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        property.SetValue(options, type == typeof(TimeSpan) ? TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : type == typeof(int) ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)
            : value);

        var result = new RouterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_BothListenersOnFreePorts_IsAllowed()
    {
        var options = new RouterOptions { ListenUrl = "http://127.0.0.1:0", AdminUrl = "http://127.0.0.1:0" };

        Assert.True(new RouterOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080", "127.0.0.1", 8080)]
    [InlineData("http://localhost:0", "127.0.0.1", 0)]
    [InlineData("http://127.0.0.1:80/", "127.0.0.1", 80)]
    [InlineData("http://[::1]:9000", "::1", 9000)]
    public void ListenAddress_TryParse_AcceptsIpAndPort(string value, string ip, int port)
    {
        Assert.True(ListenAddress.TryParse(value, out var address, out var error), error);
        Assert.Equal(ip, address.Address.ToString());
        Assert.Equal(port, address.Port);
    }
}
