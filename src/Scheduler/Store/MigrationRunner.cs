using System.Globalization;
using Microsoft.Data.Sqlite;

namespace MiniPaas.Scheduler.Store;

/// <summary>MigrationRunner brings a database up to the newest schema, one transaction per migration.</summary>
internal static class MigrationRunner
{
    public static void Migrate(SqliteConnection connection, IReadOnlyList<Migration> migrations)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     INTEGER PRIMARY KEY,
                    description TEXT    NOT NULL,
                    applied_at  TEXT    NOT NULL
                );
                """;
            create.ExecuteNonQuery();
        }

        int current;
        using (var query = connection.CreateCommand())
        {
            query.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version;";
            current = Convert.ToInt32(query.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        var newest = migrations.Count == 0 ? 0 : migrations.Max(m => m.Version);
        if (current > newest)
        {
            throw new InvalidOperationException(
                $"the scheduler database is at schema version {current}, newer than this build knows ({newest}); run a newer scheduler");
        }

        foreach (var migration in migrations.Where(m => m.Version > current).OrderBy(m => m.Version))
        {
            // A failed migration rolls back whole, so the database is never half-migrated.
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var apply = connection.CreateCommand())
            {
                apply.Transaction = transaction;
                apply.CommandText = migration.Sql;
                apply.ExecuteNonQuery();
            }

            using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));";
                record.Parameters.AddWithValue("$v", migration.Version);
                record.Parameters.AddWithValue("$d", migration.Description);
                record.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }
}
