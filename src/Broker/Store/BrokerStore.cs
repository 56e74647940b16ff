using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MiniPaas.Broker.Store;

/// <summary>
/// The broker's state in SQLite (WAL): instances with their last operation, bindings with encrypted
/// credentials, and the servers' admin passwords. Every write is one statement or one transaction, so a
/// crash leaves either the old or the new row; operations still <c>in progress</c> are resumed at start-up.
/// </summary>
internal sealed class BrokerStore
{
    private const int SchemaVersion = 1;

    private readonly TimeProvider _time;
    private string? _connectionString;
    private SecretBox? _secrets;

    public BrokerStore(TimeProvider time) => _time = time;

    private string ConnectionString => _connectionString ?? throw new InvalidOperationException("The broker store is not open yet.");

    private SecretBox Secrets => _secrets ?? throw new InvalidOperationException("The broker store is not open yet.");

    /// <summary>Opens (creating when missing) the database and the key that encrypts its secrets.</summary>
    public void Open(string databasePath, string keyPath)
    {
        _secrets = SecretBox.LoadOrCreate(keyPath);
        if (!File.Exists(databasePath))
        {
            // Created empty with mode 0600 first: SQLite would create it with the process umask (often 0644).
            using var _ = new FileStream(databasePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        using var connection = Connect();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"The broker database {databasePath} has schema version {version}, newer than this broker understands ({SchemaVersion}).");
        }

        if (version < SchemaVersion)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, """
                CREATE TABLE IF NOT EXISTS instances (
                    instance_id TEXT PRIMARY KEY,
                    service_id TEXT NOT NULL,
                    plan_id TEXT NOT NULL,
                    parameters TEXT NOT NULL,
                    context TEXT,
                    organization_guid TEXT,
                    space_guid TEXT,
                    usable INTEGER NOT NULL,
                    operation_id TEXT NOT NULL,
                    operation_type TEXT NOT NULL,
                    operation_state TEXT NOT NULL,
                    operation_description TEXT,
                    target_plan_id TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS bindings (
                    instance_id TEXT NOT NULL,
                    binding_id TEXT NOT NULL,
                    service_id TEXT NOT NULL,
                    plan_id TEXT NOT NULL,
                    parameters TEXT NOT NULL,
                    app_guid TEXT,
                    state TEXT NOT NULL,
                    credentials BLOB,
                    created_at TEXT NOT NULL,
                    PRIMARY KEY (instance_id, binding_id));
                CREATE TABLE IF NOT EXISTS secrets (
                    name TEXT PRIMARY KEY,
                    value BLOB NOT NULL);
                """, transaction);
            Execute(connection, $"PRAGMA user_version = {SchemaVersion};", transaction);
            transaction.Commit();
        }
    }

    public DateTimeOffset Now() => _time.GetUtcNow();

    public InstanceRecord? GetInstance(string instanceId)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM instances WHERE instance_id = $id;";
        command.Parameters.AddWithValue("$id", instanceId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadInstance(reader) : null;
    }

    public IReadOnlyList<InstanceRecord> ListInstances()
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM instances ORDER BY created_at;";
        using var reader = command.ExecuteReader();
        var instances = new List<InstanceRecord>();
        while (reader.Read())
        {
            instances.Add(ReadInstance(reader));
        }

        return instances;
    }

    /// <summary>Inserts or replaces the instance row.</summary>
    public void SaveInstance(InstanceRecord instance)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO instances (instance_id, service_id, plan_id, parameters, context, organization_guid, space_guid,
                usable, operation_id, operation_type, operation_state, operation_description, target_plan_id, created_at, updated_at)
            VALUES ($id, $service, $plan, $parameters, $context, $org, $space,
                $usable, $opId, $opType, $opState, $opDescription, $target, $created, $updated);
            """;
        command.Parameters.AddWithValue("$id", instance.InstanceId);
        command.Parameters.AddWithValue("$service", instance.ServiceId);
        command.Parameters.AddWithValue("$plan", instance.PlanId);
        command.Parameters.AddWithValue("$parameters", instance.ParametersJson);
        command.Parameters.AddWithValue("$context", (object?)instance.ContextJson ?? DBNull.Value);
        command.Parameters.AddWithValue("$org", (object?)instance.OrganizationGuid ?? DBNull.Value);
        command.Parameters.AddWithValue("$space", (object?)instance.SpaceGuid ?? DBNull.Value);
        command.Parameters.AddWithValue("$usable", instance.Usable ? 1 : 0);
        command.Parameters.AddWithValue("$opId", instance.OperationId);
        command.Parameters.AddWithValue("$opType", instance.OperationType.ToString());
        command.Parameters.AddWithValue("$opState", instance.OperationState.ToString());
        command.Parameters.AddWithValue("$opDescription", (object?)instance.OperationDescription ?? DBNull.Value);
        command.Parameters.AddWithValue("$target", (object?)instance.TargetPlanId ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", Format(instance.CreatedAt));
        command.Parameters.AddWithValue("$updated", Format(instance.UpdatedAt));
        command.ExecuteNonQuery();
    }

    /// <summary>Removes the instance and every binding of it.</summary>
    public void DeleteInstance(string instanceId)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM bindings WHERE instance_id = $id; DELETE FROM instances WHERE instance_id = $id;";
            command.Parameters.AddWithValue("$id", instanceId);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public BindingRecord? GetBinding(string instanceId, string bindingId)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM bindings WHERE instance_id = $instance AND binding_id = $binding;";
        command.Parameters.AddWithValue("$instance", instanceId);
        command.Parameters.AddWithValue("$binding", bindingId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadBinding(reader) : null;
    }

    public IReadOnlyList<BindingRecord> ListBindings(string? instanceId = null)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = instanceId is null
            ? "SELECT * FROM bindings ORDER BY created_at;"
            : "SELECT * FROM bindings WHERE instance_id = $instance ORDER BY created_at;";
        if (instanceId is not null)
        {
            command.Parameters.AddWithValue("$instance", instanceId);
        }

        using var reader = command.ExecuteReader();
        var bindings = new List<BindingRecord>();
        while (reader.Read())
        {
            bindings.Add(ReadBinding(reader));
        }

        return bindings;
    }

    /// <summary>Inserts or replaces the binding row, encrypting its credentials.</summary>
    public void SaveBinding(BindingRecord binding)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO bindings (instance_id, binding_id, service_id, plan_id, parameters, app_guid, state, credentials, created_at)
            VALUES ($instance, $binding, $service, $plan, $parameters, $app, $state, $credentials, $created);
            """;
        command.Parameters.AddWithValue("$instance", binding.InstanceId);
        command.Parameters.AddWithValue("$binding", binding.BindingId);
        command.Parameters.AddWithValue("$service", binding.ServiceId);
        command.Parameters.AddWithValue("$plan", binding.PlanId);
        command.Parameters.AddWithValue("$parameters", binding.ParametersJson);
        command.Parameters.AddWithValue("$app", (object?)binding.AppGuid ?? DBNull.Value);
        command.Parameters.AddWithValue("$state", binding.State.ToString());
        command.Parameters.AddWithValue("$credentials", binding.CredentialsJson is null
            ? DBNull.Value
            : Secrets.Seal(binding.CredentialsJson, BindingAssociatedData(binding.InstanceId, binding.BindingId)));
        command.Parameters.AddWithValue("$created", Format(binding.CreatedAt));
        command.ExecuteNonQuery();
    }

    public void DeleteBinding(string instanceId, string bindingId)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM bindings WHERE instance_id = $instance AND binding_id = $binding;";
        command.Parameters.AddWithValue("$instance", instanceId);
        command.Parameters.AddWithValue("$binding", bindingId);
        command.ExecuteNonQuery();
    }

    /// <summary>Returns the secret called <paramref name="name"/>, creating and storing it with <paramref name="create"/> when missing.</summary>
    public string GetOrCreateSecret(string name, Func<string> create)
    {
        using var connection = Connect();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT value FROM secrets WHERE name = $name;";
            select.Parameters.AddWithValue("$name", name);
            if (select.ExecuteScalar() is byte[] existing)
            {
                return Secrets.Open(existing, SecretAssociatedData(name));
            }
        }

        var value = create();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO secrets (name, value) VALUES ($name, $value);";
        insert.Parameters.AddWithValue("$name", name);
        insert.Parameters.AddWithValue("$value", Secrets.Seal(value, SecretAssociatedData(name)));
        insert.ExecuteNonQuery();
        return value;
    }

    private static string BindingAssociatedData(string instanceId, string bindingId) => $"binding/{instanceId}/{bindingId}";

    private static string SecretAssociatedData(string name) => $"secret/{name}";

    private static string Format(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string? NullableString(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    private static InstanceRecord ReadInstance(SqliteDataReader reader) => new(
        reader.GetString(reader.GetOrdinal("instance_id")),
        reader.GetString(reader.GetOrdinal("service_id")),
        reader.GetString(reader.GetOrdinal("plan_id")),
        reader.GetString(reader.GetOrdinal("parameters")),
        NullableString(reader, "context"),
        NullableString(reader, "organization_guid"),
        NullableString(reader, "space_guid"),
        reader.GetInt64(reader.GetOrdinal("usable")) != 0,
        reader.GetString(reader.GetOrdinal("operation_id")),
        Enum.Parse<OperationType>(reader.GetString(reader.GetOrdinal("operation_type"))),
        Enum.Parse<OperationState>(reader.GetString(reader.GetOrdinal("operation_state"))),
        NullableString(reader, "operation_description"),
        NullableString(reader, "target_plan_id"),
        Parse(reader.GetString(reader.GetOrdinal("created_at"))),
        Parse(reader.GetString(reader.GetOrdinal("updated_at"))));

    private BindingRecord ReadBinding(SqliteDataReader reader)
    {
        var instanceId = reader.GetString(reader.GetOrdinal("instance_id"));
        var bindingId = reader.GetString(reader.GetOrdinal("binding_id"));
        var credentialsOrdinal = reader.GetOrdinal("credentials");
        var credentials = reader.IsDBNull(credentialsOrdinal)
            ? null
            : Secrets.Open((byte[])reader.GetValue(credentialsOrdinal), BindingAssociatedData(instanceId, bindingId));
        return new BindingRecord(
            instanceId,
            bindingId,
            reader.GetString(reader.GetOrdinal("service_id")),
            reader.GetString(reader.GetOrdinal("plan_id")),
            reader.GetString(reader.GetOrdinal("parameters")),
            NullableString(reader, "app_guid"),
            Enum.Parse<BindingState>(reader.GetString(reader.GetOrdinal("state"))),
            credentials,
            Parse(reader.GetString(reader.GetOrdinal("created_at"))));
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }
}
