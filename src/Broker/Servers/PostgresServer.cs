using System.Globalization;
using Microsoft.Extensions.Options;
using MiniPaas.Broker.Store;
using Npgsql;

namespace MiniPaas.Broker.Servers;

/// <summary>
/// The broker's private PostgreSQL cluster: created with <c>initdb</c> on first start (password authentication
/// for everyone, including the superuser the broker connects as), started and stopped with <c>pg_ctl</c> as the
/// cluster's OS user, listening on 127.0.0.1 only (no Unix socket). An existing cluster is reused as it is.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    public const string SuperuserName = "postgres";
    private const string SuperuserSecretName = "postgres-superuser-password";
    private const string IncludeLine = "include_if_exists = 'minipaas.conf'";

    private readonly PostgresServerOptions _options;
    private readonly BrokerPaths _paths;
    private readonly BrokerStore _store;
    private readonly CommandRunner _commands;
    private readonly ILogger<PostgresServer> _logger;
    private NpgsqlDataSource? _admin;
    private string? _adminConnectionString;
    private bool _started;

    public PostgresServer(IOptions<BrokerOptions> options, BrokerPaths paths, BrokerStore store, CommandRunner commands, ILogger<PostgresServer> logger)
    {
        _options = options.Value.Postgres;
        _paths = paths;
        _store = store;
        _commands = commands;
        _logger = logger;
    }

    /// <summary>The address applications connect to; the cluster listens on loopback only.</summary>
    public string Host => "127.0.0.1";

    public int Port => _options.Port;

    /// <summary>Superuser connections to the <c>postgres</c> database, for administration.</summary>
    public NpgsqlDataSource Admin => _admin ?? throw new InvalidOperationException("The PostgreSQL cluster has not been started.");

    private string PgCtl => Path.Combine(_options.BinDirectory, "pg_ctl");

    /// <summary>An unpooled superuser connection to <paramref name="database"/>, for work that must run inside it.</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(_adminConnectionString ?? throw new InvalidOperationException("The PostgreSQL cluster has not been started."))
        {
            Database = database,
            Pooling = false,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var cluster = _paths.PostgresCluster;
        foreach (var tool in new[] { "initdb", "pg_ctl", "postgres" })
        {
            if (!File.Exists(Path.Combine(_options.BinDirectory, tool)))
            {
                throw new InvalidOperationException(
                    $"{BrokerOptions.SectionName}:Postgres:BinDirectory \"{_options.BinDirectory}\" has no {tool}; install Debian's postgresql package or point the setting at PostgreSQL's bin directory.");
            }
        }

        await EnsureReachableByOsUserAsync(cancellationToken);
        var password = _store.GetOrCreateSecret(SuperuserSecretName, () => RandomSecret.Create());
        if (!File.Exists(Path.Combine(cluster, "PG_VERSION")))
        {
            await InitializeClusterAsync(cluster, password, cancellationToken);
        }

        await WriteOwnedFileAsync(Path.Combine(cluster, "minipaas.conf"), string.Join('\n',
            "# Written by the MiniPaas broker at every start; edits are overwritten.",
            "listen_addresses = '127.0.0.1'",
            $"port = {Port.ToString(CultureInfo.InvariantCulture)}",
            "unix_socket_directories = ''",
            "password_encryption = 'scram-sha-256'",
            "max_connections = 300",
            ""), cancellationToken);

        // A postmaster still running here belongs to a broker that died without stopping it (the data directory
        // lock rules out a live one); restart it so it runs with this start's settings.
        var status = await PgCtlAsync(["-D", cluster, "status"], cancellationToken);
        if (status.ExitCode == 0)
        {
            BrokerLog.OrphanServerStopping(_logger, "postgresql", cluster);
            await StopClusterAsync(cancellationToken);
        }

        var start = await PgCtlAsync(
            ["-D", cluster, "-l", Path.Combine(cluster, "server.log"), "-w", "-t", Seconds(_options.StartTimeout), "start"],
            cancellationToken);
        if (start.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"pg_ctl could not start the PostgreSQL cluster in {cluster} on 127.0.0.1:{Port} (is {BrokerOptions.SectionName}:Postgres:Port free?): {start.Diagnostics}; see {Path.Combine(cluster, "server.log")}.");
        }

        _started = true;
        _adminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = Port,
            Username = SuperuserName,
            Password = password,
            Database = "postgres",
            MaxPoolSize = 10,
            Timeout = 15,
            CommandTimeout = 60,
            ApplicationName = "minipaas-broker",
        }.ConnectionString;
        _admin = NpgsqlDataSource.Create(_adminConnectionString);

        await using var connection = await _admin.OpenConnectionAsync(cancellationToken);
        BrokerLog.ServerStarted(_logger, "postgresql", Host, Port, cluster);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
            _admin = null;
        }

        if (_started)
        {
            _started = false;
            await StopClusterAsync(cancellationToken);
            BrokerLog.ServerStopped(_logger, "postgresql", Host, Port);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
    }

    private async Task StopClusterAsync(CancellationToken cancellationToken)
    {
        // Fast shutdown: ends sessions and checkpoints, so nothing committed is lost and the next start needs no recovery.
        var stop = await PgCtlAsync(["-D", _paths.PostgresCluster, "-m", "fast", "-w", "-t", Seconds(_options.StartTimeout), "stop"], cancellationToken);
        if (stop.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_ctl could not stop the PostgreSQL cluster in {_paths.PostgresCluster}: {stop.Diagnostics}");
        }
    }

    private async Task InitializeClusterAsync(string cluster, string password, CancellationToken cancellationToken)
    {
        // No PG_VERSION means initdb never finished here; whatever is left is its debris, never data.
        if (Directory.Exists(cluster))
        {
            Directory.Delete(cluster, recursive: true);
        }

        Directory.CreateDirectory(cluster, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await ChownAsync(cluster, cancellationToken);
        // Beside the cluster, not in it: initdb wants an empty directory. Owned by the cluster's user, mode 0600.
        var passwordFile = Path.Combine(_paths.DataDirectory, "postgres-superuser.pw");
        await WriteOwnedFileAsync(passwordFile, password, cancellationToken);
        try
        {
            var init = await _commands.RunAsync(
                Path.Combine(_options.BinDirectory, "initdb"),
                ["-D", cluster, "-U", SuperuserName, "--pwfile", passwordFile, "-A", "scram-sha-256", "-E", "UTF8", "--no-locale"],
                _options.OsUser,
                _options.StartTimeout,
                cancellationToken);
            if (init.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb could not create a PostgreSQL cluster in {cluster}: {init.Diagnostics}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }

        await File.AppendAllTextAsync(Path.Combine(cluster, "postgresql.conf"), $"\n{IncludeLine}\n", cancellationToken);
        BrokerLog.PostgresClusterCreated(_logger, cluster);
    }

    private async Task EnsureReachableByOsUserAsync(CancellationToken cancellationToken)
    {
        if (_options.OsUser == Environment.UserName)
        {
            return;
        }

        // The cluster's user must be able to walk down to its directory; a 0700 parent (e.g. /root) would make
        // initdb fail with a message about permissions that does not say which directory is at fault.
        var check = await _commands.RunAsync("test", ["-x", _paths.DataDirectory], _options.OsUser, TimeSpan.FromSeconds(10), cancellationToken);
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{BrokerOptions.SectionName}:DataDirectory \"{_paths.DataDirectory}\" cannot be entered by OS user '{_options.OsUser}' ({BrokerOptions.SectionName}:Postgres:OsUser); it and every parent directory must be searchable (mode o+x), e.g. a directory under /var/lib or /tmp.");
        }
    }

    private async Task WriteOwnedFileAsync(string path, string content, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(path, content, cancellationToken);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await ChownAsync(path, cancellationToken);
    }

    private async Task ChownAsync(string path, CancellationToken cancellationToken)
    {
        if (_options.OsUser == Environment.UserName)
        {
            return;
        }

        var chown = await _commands.RunAsync("chown", [$"{_options.OsUser}:", path], osUser: null, TimeSpan.FromSeconds(10), cancellationToken);
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not give {path} to OS user '{_options.OsUser}' ({BrokerOptions.SectionName}:Postgres:OsUser): {chown.Diagnostics}");
        }
    }

    private Task<CommandResult> PgCtlAsync(IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        _commands.RunAsync(PgCtl, arguments, _options.OsUser, _options.StartTimeout + TimeSpan.FromSeconds(10), cancellationToken);

    private static string Seconds(TimeSpan timeout) => ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
