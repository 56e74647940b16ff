using MiniPaas.Registry.Hosting;

namespace MiniPaas.Registry.Tests;

public sealed class HostingExtensionsTests
{
    [Fact]
    public void AddRegistry_NoAddressConfigured_ListensOnLoopback5000()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());

        builder.AddRegistry();

        Assert.Equal(RegistryOptions.DefaultListenUrl, builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
        Assert.Equal("http://127.0.0.1:5000", RegistryOptions.DefaultListenUrl);
    }

    [Fact]
    public void AddRegistry_UrlsConfigured_KeepsThem()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = "http://127.0.0.1:7777";

        builder.AddRegistry();

        Assert.Equal("http://127.0.0.1:7777", builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey));
    }

    [Fact]
    public void AddRegistry_ConfigurationSection_BindsEveryOption()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Configuration["Registry:DataDirectory"] = "/srv/registry";
        builder.Configuration["Registry:Token"] = "t0ken";
        builder.Configuration["Registry:MaxUploadBytes"] = "1234";
        builder.Configuration["Registry:AllowDelete"] = "true";

        builder.AddRegistry();
        using var services = builder.Services.BuildServiceProvider();
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RegistryOptions>>().Value;

        Assert.Equal("/srv/registry", options.DataDirectory);
        Assert.Equal("t0ken", options.Token);
        Assert.Equal(1234, options.MaxUploadBytes);
        Assert.True(options.AllowDelete);
    }

    [Fact]
    public void MapRegistry_WithoutAddRegistry_ThrowsNamingTheMissingCall()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapRegistry());

        Assert.Contains("AddRegistry", error.Message, StringComparison.Ordinal);
    }
}
