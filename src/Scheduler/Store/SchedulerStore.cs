using Microsoft.Data.Sqlite;

namespace MiniPaas.Scheduler.Store;

/// <summary>
/// SchedulerStore is the scheduler's durable state in one SQLite file (WAL mode, synchronous=FULL so
/// a committed change survives a crash or power loss). Every change happens inside
/// <see cref="Write{T}"/>, one IMMEDIATE transaction, so multi-row changes are all-or-nothing and
/// writers are serialized (in process, before SQLite's lock, so a waiting writer wakes at once).
/// </summary>
internal sealed class SchedulerStore
{
    private readonly string _connectionString;

    // Writers queue here instead of in SQLite: its busy handler sleeps and retries (up to 100 ms a
    // step), which would put that much jitter on every agent report that waits behind a pass.
    private readonly Lock _writeGate = new();

    private SchedulerStore(string connectionString)
    {
        _connectionString = connectionString;
    }

    /// <summary>
    /// Raised after every committed write, outside the write gate, so live views (the dashboard)
    /// can refresh without polling. Handlers must be quick and must not throw.
    /// </summary>
    public event Action? Committed;

    /// <summary>The database file path.</summary>
    public required string DatabasePath { get; init; }

    /// <summary>Opens (creating if needed) the database in <paramref name="dataDirectory"/> and migrates it.</summary>
    public static SchedulerStore Open(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "scheduler.db");
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        var store = new SchedulerStore(connectionString) { DatabasePath = path };
        using var connection = store.OpenConnection();
        using (var wal = connection.CreateCommand())
        {
            // journal_mode is persistent in the file; set once here.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            var mode = (string?)wal.ExecuteScalar();
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL mode for '{path}' (got '{mode}')");
            }
        }

        MigrationRunner.Migrate(connection, SchemaMigrations.All);
        return store;
    }

    /// <summary>The schema version the database is at.</summary>
    public int SchemaVersion()
    {
        using var connection = OpenConnection();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Receives the events of each committed write transaction, in commit order (called under the
    /// write lock, so it must only enqueue). Default null.
    /// </summary>
    public Action<IReadOnlyList<Domain.EventRecord>>? EventsCommitted { get; set; }

    /// <summary>Runs <paramref name="work"/> in one write transaction; commits when it returns.</summary>
    public T Write<T>(Func<StoreTransaction, T> work)
    {
        using var connection = OpenConnection();
        T result;
        lock (_writeGate)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            var typed = new StoreTransaction(connection, transaction);
            result = work(typed);
            transaction.Commit();
            if (typed.AppendedEvents.Count > 0)
            {
                EventsCommitted?.Invoke(typed.AppendedEvents);
            }
        }

        Committed?.Invoke();
        return result;
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction.</summary>
    public void Write(Action<StoreTransaction> work) => Write<bool>(tx =>
    {
        work(tx);
        return true;
    });

    /// <summary>Runs <paramref name="work"/> in a read transaction, which sees one consistent snapshot.</summary>
    public T Read<T>(Func<StoreTransaction, T> work)
    {
        using var connection = OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: true);
        var result = work(new StoreTransaction(connection, transaction));
        transaction.Commit();
        return result;
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
        command.ExecuteNonQuery();
        return connection;
    }
}
