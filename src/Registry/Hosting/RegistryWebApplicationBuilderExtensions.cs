using Microsoft.AspNetCore.Hosting;

namespace MiniPaas.Registry.Hosting;

/// <summary>Sets up a <see cref="WebApplicationBuilder"/> to run the registry as its own process.</summary>
public static class RegistryWebApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the registry bound to the <c>Registry</c> configuration section and, unless the host already has an
    /// address (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>*_PORTS</c> or <c>Kestrel:Endpoints</c>), listens on
    /// <see cref="RegistryOptions.DefaultListenUrl"/> (loopback only) instead of ASP.NET's default.
    /// Also quiets ASP.NET's per-request logs to Warning unless <c>Logging:LogLevel:Microsoft.AspNetCore</c> is set.
    /// </summary>
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.Services.AddRegistry(configuration.GetSection(RegistryOptions.SectionName));

        var addressConfigured =
            !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").Exists();
        if (!addressConfigured)
        {
            builder.WebHost.UseUrls(RegistryOptions.DefaultListenUrl);
        }

        // ASP.NET logs four lines per request at Information; a registry serving layer pulls would drown its own
        // events in them. Kept overridable: only applied when the configuration does not choose a level itself.
        if (string.IsNullOrEmpty(configuration["Logging:LogLevel:Microsoft.AspNetCore"]))
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        return builder;
    }
}
