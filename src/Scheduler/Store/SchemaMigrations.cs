namespace MiniPaas.Scheduler.Store;

/// <summary>
/// SchemaMigrations lists the store's schema history. Append only: a released migration is never
/// edited, because databases in the field have already applied it.
/// </summary>
internal static class SchemaMigrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "apps, releases, instances, nodes, events, packages", """
            CREATE TABLE apps (
                name              TEXT PRIMARY KEY,
                desired_instances INTEGER NOT NULL,
                memory_mb         INTEGER NOT NULL,
                disk_mb           INTEGER NOT NULL,
                started           INTEGER NOT NULL,
                current_release   INTEGER NOT NULL,
                deployment        INTEGER NOT NULL,
                strategy          TEXT    NOT NULL,
                health_check      TEXT    NOT NULL,
                env               TEXT    NOT NULL,
                rollout_halted    INTEGER NOT NULL,
                placement_error   TEXT    NOT NULL,
                created_at        INTEGER NOT NULL,
                updated_at        INTEGER NOT NULL
            );
            CREATE TABLE releases (
                app              TEXT    NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                version          INTEGER NOT NULL,
                image_repository TEXT    NOT NULL,
                image_digest     TEXT    NOT NULL,
                stack            TEXT    NOT NULL,
                command          TEXT    NOT NULL,
                env              TEXT    NOT NULL,
                health_check     TEXT    NOT NULL,
                created_at       INTEGER NOT NULL,
                description      TEXT    NOT NULL,
                PRIMARY KEY (app, version)
            );
            -- No foreign key to apps: an instance outlives its app until its container has stopped.
            CREATE TABLE instances (
                instance_id        TEXT PRIMARY KEY,
                app                TEXT    NOT NULL,
                idx                INTEGER NOT NULL,
                release_version    INTEGER NOT NULL,
                deployment         INTEGER NOT NULL,
                node_id            TEXT    NOT NULL,
                memory_mb          INTEGER NOT NULL,
                disk_mb            INTEGER NOT NULL,
                desired            TEXT    NOT NULL,
                actual             TEXT    NOT NULL,
                port               INTEGER NOT NULL,
                container_id       TEXT    NOT NULL,
                restarts           INTEGER NOT NULL,
                crash_count        INTEGER NOT NULL,
                awaiting_restart   INTEGER NOT NULL,
                last_exit_code     INTEGER NOT NULL,
                message            TEXT    NOT NULL,
                restart_generation INTEGER NOT NULL,
                since              INTEGER NOT NULL,
                created_at         INTEGER NOT NULL
            );
            CREATE TABLE nodes (
                node_id                TEXT PRIMARY KEY,
                address                TEXT    NOT NULL,
                capacity_memory_mb     INTEGER NOT NULL,
                capacity_disk_mb       INTEGER NOT NULL,
                capacity_instances     INTEGER NOT NULL,
                used_memory_mb         INTEGER NOT NULL,
                used_disk_mb           INTEGER NOT NULL,
                used_instances         INTEGER NOT NULL,
                labels                 TEXT    NOT NULL,
                port_range_start       INTEGER NOT NULL,
                port_range_end         INTEGER NOT NULL,
                state                  TEXT    NOT NULL,
                last_heartbeat         INTEGER NOT NULL,
                registered_at          INTEGER NOT NULL,
                assignment_generation  INTEGER NOT NULL,
                assignment_fingerprint TEXT    NOT NULL
            );
            CREATE TABLE events (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                time           INTEGER NOT NULL,
                app            TEXT    NOT NULL,
                kind           TEXT    NOT NULL,
                message        TEXT    NOT NULL,
                instance_index INTEGER NOT NULL,
                node_id        TEXT    NOT NULL
            );
            CREATE TABLE packages (
                id         TEXT PRIMARY KEY,
                app        TEXT    NOT NULL,
                size       INTEGER NOT NULL,
                path       TEXT    NOT NULL,
                created_at INTEGER NOT NULL
            );
            """),
        new(2, "indexes for per-app and per-node lookups", """
            CREATE INDEX ix_instances_app ON instances(app, idx);
            CREATE INDEX ix_instances_node ON instances(node_id);
            CREATE INDEX ix_events_app ON events(app, id);
            """),
        new(3, "routes, per-app load balancing, route table version", """
            -- Explicit routes only: every app's default route <app>.<AppsDomain> is derived, so
            -- changing AppsDomain needs no data change. Deleting an app deletes its routes.
            CREATE TABLE routes (
                app         TEXT    NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                host        TEXT    NOT NULL,
                path_prefix TEXT    NOT NULL,
                created     INTEGER NOT NULL,
                PRIMARY KEY (host, path_prefix)
            );
            CREATE INDEX ix_routes_app ON routes(app);
            ALTER TABLE apps ADD COLUMN load_balancing TEXT NOT NULL DEFAULT 'round_robin';
            ALTER TABLE apps ADD COLUMN sticky_sessions INTEGER NOT NULL DEFAULT 0;
            -- One row: the version of the last route table published and a fingerprint of its
            -- content, so versions keep increasing across restarts and only real changes bump them.
            CREATE TABLE route_table (
                id          INTEGER PRIMARY KEY CHECK (id = 1),
                version     INTEGER NOT NULL,
                fingerprint TEXT    NOT NULL
            );
            INSERT INTO route_table (id, version, fingerprint) VALUES (1, 0, '');
            """),
        new(4, "service brokers, service instances, bindings, per-deployment service environment", """
            -- Passwords, credentials and environments are AES-GCM sealed (services.key), never plain text.
            CREATE TABLE service_brokers (
                name       TEXT PRIMARY KEY,
                url        TEXT    NOT NULL,
                username   TEXT    NOT NULL,
                password   BLOB    NOT NULL,
                created_at INTEGER NOT NULL
            );
            CREATE TABLE service_instances (
                name           TEXT PRIMARY KEY,
                instance_id    TEXT    NOT NULL UNIQUE,
                broker         TEXT    NOT NULL REFERENCES service_brokers(name),
                service_name   TEXT    NOT NULL,
                service_id     TEXT    NOT NULL,
                plan_name      TEXT    NOT NULL,
                plan_id        TEXT    NOT NULL,
                tags           TEXT    NOT NULL,
                last_operation TEXT    NOT NULL,
                message        TEXT    NOT NULL,
                operation      TEXT    NOT NULL,
                created_at     INTEGER NOT NULL,
                updated_at     INTEGER NOT NULL
            );
            -- No foreign key to apps: a binding is the broker's too and is only removed by unbinding.
            CREATE TABLE service_bindings (
                binding_id    TEXT PRIMARY KEY,
                instance_name TEXT    NOT NULL REFERENCES service_instances(name),
                app           TEXT    NOT NULL,
                credentials   BLOB    NOT NULL,
                created_at    INTEGER NOT NULL,
                UNIQUE (instance_name, app)
            );
            CREATE INDEX ix_service_bindings_app ON service_bindings(app);
            -- The services environment an app's instances get from a deployment on, so a bind rolls
            -- instances over like a restart: old ones keep the old environment until replaced.
            CREATE TABLE app_service_env (
                app             TEXT    NOT NULL REFERENCES apps(name) ON DELETE CASCADE,
                from_deployment INTEGER NOT NULL,
                env             BLOB    NOT NULL,
                PRIMARY KEY (app, from_deployment)
            );
            """),
    ];
}
