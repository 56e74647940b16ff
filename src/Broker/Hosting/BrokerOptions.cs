namespace MiniPaas.Broker.Hosting;

/// <summary>
/// Settings of the service broker, bound from the <c>MiniPaas:Broker</c> configuration section
/// (e.g. <c>--MiniPaas:Broker:Password=...</c> or the environment variable <c>MiniPaas__Broker__Password</c>).
/// </summary>
public sealed class BrokerOptions
{
    /// <summary>Name of the configuration section <see cref="BrokerWebApplicationBuilderExtensions.AddBroker"/> binds.</summary>
    public const string SectionName = "MiniPaas:Broker";

    /// <summary>Default for <see cref="ListenUrl"/>: loopback only, port 7090.</summary>
    public const string DefaultListenUrl = "http://127.0.0.1:7090";

    /// <summary>
    /// Where the broker keeps its state (SQLite database, encryption key) and the data of the servers it runs
    /// (<c>postgres/</c>, <c>redis/</c>). Default <c>./data/broker</c>. The OS user of
    /// <see cref="PostgresServerOptions.OsUser"/> must be able to traverse every parent directory.
    /// Reusing the directory after a restart keeps every instance, binding and credential.
    /// </summary>
    public string DataDirectory { get; set; } = "./data/broker";

    /// <summary>User name the platform sends with HTTP basic authentication. Required; no default.</summary>
    public string? Username { get; set; }

    /// <summary>Password the platform sends with HTTP basic authentication. Required; no default.</summary>
    public string? Password { get; set; }

    /// <summary>
    /// Address the standalone broker listens on when the host has none configured
    /// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>Kestrel:Endpoints</c>). Default <see cref="DefaultListenUrl"/>.
    /// </summary>
    public string ListenUrl { get; set; } = DefaultListenUrl;

    /// <summary>
    /// How long an operation of an asynchronous plan (<c>postgresql</c>/<c>standard</c>) waits in its background
    /// task before doing its work, standing in for the slower start of a larger tier. The operation is reported
    /// <c>in progress</c> until the work itself (creating or dropping the database) has finished. Default 5 seconds.
    /// </summary>
    public TimeSpan AsyncProvisionDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The private PostgreSQL cluster behind the <c>postgresql</c> service.</summary>
    public PostgresServerOptions Postgres { get; set; } = new();

    /// <summary>The private Redis server behind the <c>redis</c> service.</summary>
    public RedisServerOptions Redis { get; set; } = new();
}
