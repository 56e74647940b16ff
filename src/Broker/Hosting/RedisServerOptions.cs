namespace MiniPaas.Broker.Hosting;

/// <summary>Settings of the Redis server the broker starts (section <c>MiniPaas:Broker:Redis</c>).</summary>
public sealed class RedisServerOptions
{
    /// <summary>TCP port on 127.0.0.1 the server listens on. Default 7379 (not 6379, so Debian's own service can coexist).</summary>
    public int Port { get; set; } = 7379;

    /// <summary>The <c>redis-server</c> executable. Default <c>/usr/bin/redis-server</c> (Debian package <c>redis-server</c>).</summary>
    public string ServerPath { get; set; } = "/usr/bin/redis-server";

    /// <summary>How long starting or stopping the server may take. Default 30 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
