using System.Globalization;
using System.Text.Json.Nodes;
using MiniPaas.Broker.Catalog;
using MiniPaas.Broker.Servers;
using MiniPaas.Broker.Store;
using Npgsql;

namespace MiniPaas.Broker.Backends.Postgres;

/// <summary>
/// <c>postgresql</c> instances and bindings on the broker's cluster. An instance is a database owned by a
/// NOLOGIN owner role, closed to PUBLIC. A binding is a LOGIN role with its own password, member of the owner
/// role and switched to it at login (<c>ALTER ROLE ... IN DATABASE ... SET role</c>), so tables one binding
/// creates belong to the instance and every binding of it can use them, and dropping a binding drops nothing
/// but the login.
/// </summary>
internal sealed class PostgresBackend : IServiceBackend
{
    private readonly PostgresServer _server;
    private readonly ILogger<PostgresBackend> _logger;

    public PostgresBackend(PostgresServer server, ILogger<PostgresBackend> logger)
    {
        _server = server;
        _logger = logger;
    }

    public ServiceKind Kind => ServiceKind.Postgres;

    public static string DatabaseName(string instanceId) => $"mp_db_{ResourceNames.InstanceToken(instanceId)}";

    public static string OwnerRoleName(string instanceId) => $"mp_owner_{ResourceNames.InstanceToken(instanceId)}";

    public static string BindingRoleName(string instanceId, string bindingId) => $"mp_user_{ResourceNames.BindingToken(instanceId, bindingId)}";

    public async Task ProvisionAsync(string instanceId, ServicePlan plan, CancellationToken cancellationToken)
    {
        var database = DatabaseName(instanceId);
        var owner = OwnerRoleName(instanceId);
        await using var connection = await _server.Admin.OpenConnectionAsync(cancellationToken);
        if (!await RoleExistsAsync(connection, owner, cancellationToken))
        {
            await ExecuteAsync(connection, $"CREATE ROLE {PostgresSql.Identifier(owner)} NOLOGIN", cancellationToken);
        }

        if (!await ExistsAsync(connection, "SELECT 1 FROM pg_database WHERE datname = $1", database, cancellationToken))
        {
            // template0 and an explicit encoding: the database does not inherit whatever was added to template1.
            await ExecuteAsync(connection,
                $"CREATE DATABASE {PostgresSql.Identifier(database)} OWNER {PostgresSql.Identifier(owner)} TEMPLATE template0 ENCODING 'UTF8'",
                cancellationToken);
        }

        // Other instances' roles must not even connect; members of the owner role inherit CONNECT from it.
        await ExecuteAsync(connection, $"REVOKE ALL ON DATABASE {PostgresSql.Identifier(database)} FROM PUBLIC", cancellationToken);
        await SetConnectionLimitAsync(connection, database, plan, cancellationToken);
        BrokerLog.PostgresDatabaseCreated(_logger, instanceId, database, plan.Name);
    }

    public async Task ChangePlanAsync(string instanceId, ServicePlan plan, CancellationToken cancellationToken)
    {
        await using var connection = await _server.Admin.OpenConnectionAsync(cancellationToken);
        await SetConnectionLimitAsync(connection, DatabaseName(instanceId), plan, cancellationToken);
    }

    public async Task DeprovisionAsync(string instanceId, IReadOnlyList<string> bindingIds, CancellationToken cancellationToken)
    {
        var database = DatabaseName(instanceId);
        var owner = OwnerRoleName(instanceId);
        await using var connection = await _server.Admin.OpenConnectionAsync(cancellationToken);
        if (await ExistsAsync(connection, "SELECT 1 FROM pg_database WHERE datname = $1", database, cancellationToken))
        {
            // Keep new sessions out first, then end the ones that are there; DROP DATABASE fails while any remain.
            await ExecuteAsync(connection, $"ALTER DATABASE {PostgresSql.Identifier(database)} ALLOW_CONNECTIONS false", cancellationToken);
            await TerminateAsync(connection, "datname", database, cancellationToken);
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {PostgresSql.Identifier(database)} WITH (FORCE)", cancellationToken);
        }

        // Members of the owner role are this instance's binding roles, including any a crash left unrecorded.
        var members = new List<string>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT member.rolname FROM pg_auth_members m
            JOIN pg_roles member ON member.oid = m.member
            JOIN pg_roles owner ON owner.oid = m.roleid
            WHERE owner.rolname = $1
            """, connection))
        {
            command.Parameters.AddWithValue(owner);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                members.Add(reader.GetString(0));
            }
        }

        foreach (var role in members.Concat(bindingIds.Select(b => BindingRoleName(instanceId, b))).Distinct(StringComparer.Ordinal))
        {
            await DropLoginRoleAsync(connection, role, cancellationToken);
        }

        await ExecuteAsync(connection, $"DROP ROLE IF EXISTS {PostgresSql.Identifier(owner)}", cancellationToken);
        BrokerLog.PostgresDatabaseDropped(_logger, instanceId, database);
    }

    public async Task<BindingResult> BindAsync(string instanceId, string bindingId, CancellationToken cancellationToken)
    {
        var database = DatabaseName(instanceId);
        var owner = OwnerRoleName(instanceId);
        var role = BindingRoleName(instanceId, bindingId);
        var password = RandomSecret.Create();
        await using var connection = await _server.Admin.OpenConnectionAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            if (await RoleExistsAsync(connection, role, cancellationToken))
            {
                // Left by a bind that crashed before it was recorded: give it a fresh password, as if new.
                await ExecuteAsync(connection, $"ALTER ROLE {PostgresSql.Identifier(role)} LOGIN PASSWORD {PostgresSql.Literal(password)}", cancellationToken);
            }
            else
            {
                await ExecuteAsync(connection,
                    $"CREATE ROLE {PostgresSql.Identifier(role)} LOGIN INHERIT PASSWORD {PostgresSql.Literal(password)} IN ROLE {PostgresSql.Identifier(owner)}",
                    cancellationToken);
            }

            await ExecuteAsync(connection,
                $"ALTER ROLE {PostgresSql.Identifier(role)} IN DATABASE {PostgresSql.Identifier(database)} SET role = {PostgresSql.Literal(owner)}",
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        BrokerLog.PostgresRoleCreated(_logger, instanceId, bindingId, role);
        var host = _server.Host;
        var port = _server.Port;
        var credentials = new JsonObject
        {
            ["host"] = host,
            ["port"] = port,
            ["database"] = database,
            ["username"] = role,
            ["password"] = password,
            ["uri"] = $"postgresql://{role}:{password}@{host}:{port.ToString(CultureInfo.InvariantCulture)}/{database}",
            ["jdbcUrl"] = $"jdbc:postgresql://{host}:{port.ToString(CultureInfo.InvariantCulture)}/{database}?user={role}&password={password}",
        };
        return new BindingResult(credentials, host, port);
    }

    public async Task UnbindAsync(string instanceId, string bindingId, CancellationToken cancellationToken)
    {
        var role = BindingRoleName(instanceId, bindingId);
        await using var connection = await _server.Admin.OpenConnectionAsync(cancellationToken);
        if (await RoleExistsAsync(connection, role, cancellationToken)
            && await ExistsAsync(connection, "SELECT 1 FROM pg_database WHERE datname = $1", DatabaseName(instanceId), cancellationToken))
        {
            // Objects the role created after a RESET ROLE would block DROP ROLE; hand them to the instance.
            await using var inDatabase = await _server.OpenDatabaseAsync(DatabaseName(instanceId), cancellationToken);
            await ExecuteAsync(inDatabase,
                $"REASSIGN OWNED BY {PostgresSql.Identifier(role)} TO {PostgresSql.Identifier(OwnerRoleName(instanceId))}; DROP OWNED BY {PostgresSql.Identifier(role)}",
                cancellationToken);
        }

        await DropLoginRoleAsync(connection, role, cancellationToken);
        BrokerLog.PostgresRoleDropped(_logger, instanceId, bindingId, role);
    }

    private static async Task DropLoginRoleAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken)
    {
        if (!await RoleExistsAsync(connection, role, cancellationToken))
        {
            return;
        }

        // NOLOGIN first so no session starts between terminating the existing ones and dropping the role.
        await ExecuteAsync(connection, $"ALTER ROLE {PostgresSql.Identifier(role)} NOLOGIN", cancellationToken);
        await TerminateAsync(connection, "usename", role, cancellationToken);
        await ExecuteAsync(connection, $"DROP ROLE IF EXISTS {PostgresSql.Identifier(role)}", cancellationToken);
    }

    private static async Task SetConnectionLimitAsync(NpgsqlConnection connection, string database, ServicePlan plan, CancellationToken cancellationToken)
    {
        var limit = plan.ConnectionLimit ?? throw new InvalidOperationException($"Plan {plan.Name} has no connection limit; it is not a PostgreSQL plan.");
        await ExecuteAsync(connection,
            $"ALTER DATABASE {PostgresSql.Identifier(database)} CONNECTION LIMIT {limit.ToString(CultureInfo.InvariantCulture)}",
            cancellationToken);
    }

    private static async Task TerminateAsync(NpgsqlConnection connection, string column, string value, CancellationToken cancellationToken)
    {
        // column is one of two fixed names chosen by the callers above, never input.
        await using var command = new NpgsqlCommand(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE {column} = $1 AND pid <> pg_backend_pid()", connection);
        command.Parameters.AddWithValue(value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Task<bool> RoleExistsAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken) =>
        ExistsAsync(connection, "SELECT 1 FROM pg_roles WHERE rolname = $1", role, cancellationToken);

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string sql, string value, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(value);
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
