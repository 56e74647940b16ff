using Microsoft.Extensions.Options;

namespace MiniPaas.Broker.Hosting;

/// <summary>Where each piece of the broker's state lives under <see cref="BrokerOptions.DataDirectory"/>.</summary>
internal sealed class BrokerPaths
{
    public BrokerPaths(IOptions<BrokerOptions> options)
    {
        DataDirectory = Path.GetFullPath(options.Value.DataDirectory);
    }

    public string DataDirectory { get; }

    /// <summary>Held exclusively while the broker runs, so two brokers never drive the same servers.</summary>
    public string LockFile => Path.Combine(DataDirectory, "broker.lock");

    public string Database => Path.Combine(DataDirectory, "broker.db");

    /// <summary>AES key (mode 0600) encrypting credentials and admin passwords in <see cref="Database"/>.</summary>
    public string KeyFile => Path.Combine(DataDirectory, "broker.key");

    /// <summary>The PostgreSQL cluster, owned by the cluster's OS user.</summary>
    public string PostgresCluster => Path.Combine(DataDirectory, "postgres");

    /// <summary>Redis' working directory: append-only file, ACL file, log.</summary>
    public string RedisDirectory => Path.Combine(DataDirectory, "redis");
}
