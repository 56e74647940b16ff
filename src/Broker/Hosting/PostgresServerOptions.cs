namespace MiniPaas.Broker.Hosting;

/// <summary>Settings of the PostgreSQL cluster the broker starts (section <c>MiniPaas:Broker:Postgres</c>).</summary>
public sealed class PostgresServerOptions
{
    /// <summary>TCP port on 127.0.0.1 the cluster listens on. Default 7432 (not 5432, so a system PostgreSQL can coexist).</summary>
    public int Port { get; set; } = 7432;

    /// <summary>Directory holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>. Default <c>/usr/lib/postgresql/15/bin</c> (Debian 12).</summary>
    public string BinDirectory { get; set; } = "/usr/lib/postgresql/15/bin";

    /// <summary>
    /// OS user the cluster runs as; PostgreSQL refuses to run as root, so a broker running as root starts it
    /// through <c>runuser -u OsUser --</c>. Default <c>postgres</c> (created by Debian's package).
    /// </summary>
    public string OsUser { get; set; } = "postgres";

    /// <summary>How long starting or stopping the cluster may take. Default 60 seconds.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
