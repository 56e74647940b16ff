using Microsoft.AspNetCore.Hosting;

namespace MiniPaas.Broker.Hosting;

/// <summary>Sets up a <see cref="WebApplicationBuilder"/> to run the broker as its own process.</summary>
public static class BrokerWebApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the broker bound to the <c>MiniPaas:Broker</c> configuration section and, unless the host already has
    /// an address (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>*_PORTS</c> or <c>Kestrel:Endpoints</c>), listens on
    /// <see cref="BrokerOptions.ListenUrl"/> (default <see cref="BrokerOptions.DefaultListenUrl"/>).
    /// </summary>
    public static WebApplicationBuilder AddBroker(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        var section = configuration.GetSection(BrokerOptions.SectionName);
        builder.Services.AddBroker(section);

        var addressConfigured =
            !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!addressConfigured)
        {
            builder.WebHost.UseUrls(section[nameof(BrokerOptions.ListenUrl)] is { Length: > 0 } url ? url : BrokerOptions.DefaultListenUrl);
        }

        return builder;
    }
}
