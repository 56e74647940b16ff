using System.Globalization;
using Microsoft.Data.Sqlite;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Routes;

namespace MiniPaas.Scheduler.Store;

/// <summary>
/// StoreTransaction is the typed view of one open transaction. It is only valid inside the
/// <see cref="SchedulerStore.Write{T}"/> or <see cref="SchedulerStore.Read{T}"/> callback.
/// </summary>
internal sealed partial class StoreTransaction
{
    private const string AppColumns =
        "name, desired_instances, memory_mb, disk_mb, started, current_release, deployment, strategy, health_check, env, rollout_halted, placement_error, created_at, updated_at, load_balancing, sticky_sessions";

    private const string ReleaseColumns =
        "app, version, image_repository, image_digest, stack, command, env, health_check, created_at, description";

    private const string InstanceColumns =
        "instance_id, app, idx, release_version, deployment, node_id, memory_mb, disk_mb, desired, actual, port, container_id, restarts, crash_count, awaiting_restart, last_exit_code, message, restart_generation, since, created_at";

    private const string NodeColumns =
        "node_id, address, capacity_memory_mb, capacity_disk_mb, capacity_instances, used_memory_mb, used_disk_mb, used_instances, labels, port_range_start, port_range_end, state, last_heartbeat, registered_at, assignment_generation, assignment_fingerprint";

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly List<EventRecord> _appendedEvents = [];

    public StoreTransaction(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    // ---- apps ----

    public AppRecord? GetApp(string name) =>
        Query($"SELECT {AppColumns} FROM apps WHERE name = $name;", ReadApp, ("$name", name)).FirstOrDefault();

    public IReadOnlyList<AppRecord> ListApps() =>
        Query($"SELECT {AppColumns} FROM apps ORDER BY name;", ReadApp);

    public void UpsertApp(AppRecord app) => Execute(
        $"""
        INSERT INTO apps ({AppColumns}) VALUES ($name, $di, $mem, $disk, $started, $cur, $dep, $strategy, $hc, $env, $halted, $perr, $created, $updated, $lb, $sticky)
        ON CONFLICT(name) DO UPDATE SET desired_instances = excluded.desired_instances, memory_mb = excluded.memory_mb,
            disk_mb = excluded.disk_mb, started = excluded.started, current_release = excluded.current_release,
            deployment = excluded.deployment, strategy = excluded.strategy, health_check = excluded.health_check,
            env = excluded.env, rollout_halted = excluded.rollout_halted, placement_error = excluded.placement_error,
            updated_at = excluded.updated_at, load_balancing = excluded.load_balancing, sticky_sessions = excluded.sticky_sessions;
        """,
        ("$name", app.Name), ("$di", app.DesiredInstances), ("$mem", app.MemoryMb), ("$disk", app.DiskMb),
        ("$started", app.Started), ("$cur", app.CurrentReleaseVersion), ("$dep", app.Deployment),
        ("$strategy", app.Strategy), ("$hc", StoreJson.FromHealthCheck(app.HealthCheck)), ("$env", StoreJson.FromMap(app.Env)),
        ("$halted", app.RolloutHalted), ("$perr", app.PlacementError), ("$created", Millis(app.CreatedAt)),
        ("$updated", Millis(app.UpdatedAt)), ("$lb", app.LoadBalancing), ("$sticky", app.StickySessions));

    /// <summary>Deletes the app, its releases and routes; its instances stay until the reconciler has stopped them.</summary>
    public bool DeleteApp(string name) => Execute("DELETE FROM apps WHERE name = $name;", ("$name", name)) > 0;

    // ---- releases ----

    public ReleaseRecord? GetRelease(string app, int version) =>
        Query($"SELECT {ReleaseColumns} FROM releases WHERE app = $app AND version = $v;", ReadRelease, ("$app", app), ("$v", version))
            .FirstOrDefault();

    public IReadOnlyList<ReleaseRecord> ListReleases(string app) =>
        Query($"SELECT {ReleaseColumns} FROM releases WHERE app = $app ORDER BY version DESC;", ReadRelease, ("$app", app));

    public int LatestReleaseVersion(string app) =>
        Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) FROM releases WHERE app = $app;", ("$app", app)), CultureInfo.InvariantCulture);

    /// <summary>Inserts a release; releases are immutable, so an existing version is an error.</summary>
    public void InsertRelease(ReleaseRecord release) => Execute(
        $"INSERT INTO releases ({ReleaseColumns}) VALUES ($app, $v, $repo, $digest, $stack, $cmd, $env, $hc, $created, $desc);",
        ("$app", release.App), ("$v", release.Version), ("$repo", release.ImageRepository), ("$digest", release.ImageDigest),
        ("$stack", release.Stack), ("$cmd", release.Command), ("$env", StoreJson.FromMap(release.Env)),
        ("$hc", StoreJson.FromHealthCheck(release.HealthCheck)), ("$created", Millis(release.CreatedAt)),
        ("$desc", release.Description));

    // ---- instances ----

    public InstanceRecord? GetInstance(string instanceId) =>
        Query($"SELECT {InstanceColumns} FROM instances WHERE instance_id = $id;", ReadInstance, ("$id", instanceId)).FirstOrDefault();

    public IReadOnlyList<InstanceRecord> ListInstances(string? app = null) => app is null
        ? Query($"SELECT {InstanceColumns} FROM instances ORDER BY app, idx, created_at, instance_id;", ReadInstance)
        : Query($"SELECT {InstanceColumns} FROM instances WHERE app = $app ORDER BY idx, created_at, instance_id;", ReadInstance, ("$app", app));

    public void InsertInstance(InstanceRecord instance) => WriteInstance("INSERT INTO", instance);

    public void UpdateInstance(InstanceRecord instance) => WriteInstance("REPLACE INTO", instance);

    public void DeleteInstance(string instanceId) => Execute("DELETE FROM instances WHERE instance_id = $id;", ("$id", instanceId));

    // ---- nodes ----

    public NodeRecord? GetNode(string nodeId) =>
        Query($"SELECT {NodeColumns} FROM nodes WHERE node_id = $id;", ReadNode, ("$id", nodeId)).FirstOrDefault();

    public IReadOnlyList<NodeRecord> ListNodes() => Query($"SELECT {NodeColumns} FROM nodes ORDER BY node_id;", ReadNode);

    public void UpsertNode(NodeRecord node) => Execute(
        $"REPLACE INTO nodes ({NodeColumns}) VALUES ($id, $addr, $cm, $cd, $ci, $um, $ud, $ui, $labels, $ps, $pe, $state, $hb, $reg, $gen, $fp);",
        ("$id", node.NodeId), ("$addr", node.Address), ("$cm", node.Capacity.MemoryMb), ("$cd", node.Capacity.DiskMb),
        ("$ci", node.Capacity.Instances), ("$um", node.ReportedUsed.MemoryMb), ("$ud", node.ReportedUsed.DiskMb),
        ("$ui", node.ReportedUsed.Instances), ("$labels", StoreJson.FromMap(node.Labels)), ("$ps", node.PortRangeStart),
        ("$pe", node.PortRangeEnd), ("$state", NodeStateText(node.State)), ("$hb", Millis(node.LastHeartbeat)),
        ("$reg", Millis(node.RegisteredAt)), ("$gen", node.AssignmentGeneration), ("$fp", node.AssignmentFingerprint));

    // ---- routes ----

    /// <summary>Explicit routes (default routes are derived, not stored); <paramref name="app"/> null means all apps.</summary>
    public IReadOnlyList<RouteRecord> ListRoutes(string? app = null) => app is null
        ? Query("SELECT app, host, path_prefix, created FROM routes ORDER BY app, host, path_prefix;", ReadRoute)
        : Query("SELECT app, host, path_prefix, created FROM routes WHERE app = $app ORDER BY host, path_prefix;", ReadRoute, ("$app", app));

    public RouteRecord? GetRoute(string host, string pathPrefix) =>
        Query("SELECT app, host, path_prefix, created FROM routes WHERE host = $host AND path_prefix = $path;", ReadRoute,
            ("$host", host), ("$path", pathPrefix)).FirstOrDefault();

    /// <summary>Inserts a route; a host+path that is already mapped is a constraint error, so callers check first.</summary>
    public void InsertRoute(RouteRecord route) => Execute(
        "INSERT INTO routes (app, host, path_prefix, created) VALUES ($app, $host, $path, $created);",
        ("$app", route.App), ("$host", route.Host), ("$path", route.PathPrefix), ("$created", Millis(route.CreatedAt)));

    public bool DeleteRoute(string host, string pathPrefix) =>
        Execute("DELETE FROM routes WHERE host = $host AND path_prefix = $path;", ("$host", host), ("$path", pathPrefix)) > 0;

    /// <summary>The version and content fingerprint of the last route table published.</summary>
    public (long Version, string Fingerprint) GetRouteTableState() =>
        Query("SELECT version, fingerprint FROM route_table WHERE id = 1;", r => (r.GetInt64(0), r.GetString(1))).Single();

    public void SetRouteTableState(long version, string fingerprint) => Execute(
        "UPDATE route_table SET version = $v, fingerprint = $fp WHERE id = 1;", ("$v", version), ("$fp", fingerprint));

    // ---- events ----

    /// <summary>The events this transaction appended, in order (handed on only once it committed).</summary>
    public IReadOnlyList<EventRecord> AppendedEvents => _appendedEvents;

    public long AppendEvent(EventRecord e)
    {
        _appendedEvents.Add(e);
        Execute(
            "INSERT INTO events (time, app, kind, message, instance_index, node_id) VALUES ($t, $app, $kind, $msg, $idx, $node);",
            ("$t", Millis(e.Time)), ("$app", e.App), ("$kind", e.Kind), ("$msg", e.Message), ("$idx", e.InstanceIndex), ("$node", e.NodeId));
        return Convert.ToInt64(Scalar("SELECT last_insert_rowid();"), CultureInfo.InvariantCulture);
    }

    /// <summary>The newest <paramref name="limit"/> events, oldest first; <paramref name="app"/> empty means all apps.</summary>
    public IReadOnlyList<EventRecord> ListEvents(string app, int limit)
    {
        var rows = app.Length == 0
            ? Query("SELECT id, time, app, kind, message, instance_index, node_id FROM events ORDER BY id DESC LIMIT $n;", ReadEvent, ("$n", limit))
            : Query("SELECT id, time, app, kind, message, instance_index, node_id FROM events WHERE app = $app ORDER BY id DESC LIMIT $n;", ReadEvent, ("$app", app), ("$n", limit));
        rows.Reverse();
        return rows;
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> events; returns how many went.</summary>
    public int PruneEvents(int keep) =>
        Execute("DELETE FROM events WHERE id <= (SELECT COALESCE(MAX(id), 0) FROM events) - $keep;", ("$keep", keep));

    // ---- packages ----

    public PackageRecord? GetPackage(string id) =>
        Query("SELECT id, app, size, path, created_at FROM packages WHERE id = $id;", ReadPackage, ("$id", id)).FirstOrDefault();

    public void UpsertPackage(PackageRecord package) => Execute(
        "REPLACE INTO packages (id, app, size, path, created_at) VALUES ($id, $app, $size, $path, $created);",
        ("$id", package.Id), ("$app", package.App), ("$size", package.Size), ("$path", package.Path), ("$created", Millis(package.CreatedAt)));

    // ---- whole-cluster views ----

    /// <summary>Reads everything the reconciler decides from.</summary>
    public ClusterSnapshot ReadSnapshot()
    {
        var apps = ListApps().ToDictionary(a => a.Name, StringComparer.Ordinal);
        var releases = Query(
                $"""
                SELECT {ReleaseColumns} FROM releases r
                WHERE EXISTS (SELECT 1 FROM apps a WHERE a.name = r.app AND a.current_release = r.version)
                   OR EXISTS (SELECT 1 FROM instances i WHERE i.app = r.app AND i.release_version = r.version);
                """,
                ReadRelease)
            .ToDictionary(r => new ReleaseKey(r.App, r.Version));
        var nodes = ListNodes().ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        return new ClusterSnapshot(apps, releases, ListInstances(), nodes);
    }

    /// <summary>Applies a reconciliation plan: all of it or, when the transaction fails, none of it.</summary>
    public void Apply(ReconcilePlan plan)
    {
        foreach (var instance in plan.Deleted)
        {
            DeleteInstance(instance.InstanceId);
        }

        foreach (var instance in plan.Updated)
        {
            UpdateInstance(instance);
        }

        foreach (var instance in plan.Created)
        {
            InsertInstance(instance);
        }

        foreach (var app in plan.UpdatedApps)
        {
            UpsertApp(app);
        }

        foreach (var node in plan.UpdatedNodes)
        {
            UpsertNode(node);
        }

        foreach (var e in plan.Events)
        {
            AppendEvent(e);
        }
    }

    // ---- mapping ----

    private void WriteInstance(string verb, InstanceRecord i) => Execute(
        $"{verb} instances ({InstanceColumns}) VALUES ($id, $app, $idx, $rel, $dep, $node, $mem, $disk, $desired, $actual, $port, $cid, $restarts, $crashes, $awaiting, $exit, $msg, $gen, $since, $created);",
        ("$id", i.InstanceId), ("$app", i.App), ("$idx", i.Index), ("$rel", i.ReleaseVersion), ("$dep", i.Deployment),
        ("$node", i.NodeId), ("$mem", i.MemoryMb), ("$disk", i.DiskMb), ("$desired", DesiredText(i.Desired)),
        ("$actual", ActualText(i.Actual)), ("$port", i.Port), ("$cid", i.ContainerId), ("$restarts", i.Restarts),
        ("$crashes", i.CrashCount), ("$awaiting", i.AwaitingRestart), ("$exit", i.LastExitCode), ("$msg", i.Message),
        ("$gen", i.RestartGeneration), ("$since", Millis(i.Since)), ("$created", Millis(i.CreatedAt)));

    private static AppRecord ReadApp(SqliteDataReader r) => new()
    {
        Name = r.GetString(0),
        DesiredInstances = r.GetInt32(1),
        MemoryMb = r.GetInt64(2),
        DiskMb = r.GetInt64(3),
        Started = r.GetBoolean(4),
        CurrentReleaseVersion = r.GetInt32(5),
        Deployment = r.GetInt32(6),
        Strategy = r.GetString(7),
        HealthCheck = StoreJson.ToHealthCheck(r.GetString(8)),
        Env = StoreJson.ToMap(r.GetString(9)),
        RolloutHalted = r.GetBoolean(10),
        PlacementError = r.GetString(11),
        CreatedAt = FromMillis(r.GetInt64(12)),
        UpdatedAt = FromMillis(r.GetInt64(13)),
        LoadBalancing = r.GetString(14),
        StickySessions = r.GetBoolean(15),
    };

    private static ReleaseRecord ReadRelease(SqliteDataReader r) => new()
    {
        App = r.GetString(0),
        Version = r.GetInt32(1),
        ImageRepository = r.GetString(2),
        ImageDigest = r.GetString(3),
        Stack = r.GetString(4),
        Command = r.GetString(5),
        Env = StoreJson.ToMap(r.GetString(6)),
        HealthCheck = StoreJson.ToHealthCheck(r.GetString(7)),
        CreatedAt = FromMillis(r.GetInt64(8)),
        Description = r.GetString(9),
    };

    private static InstanceRecord ReadInstance(SqliteDataReader r) => new()
    {
        InstanceId = r.GetString(0),
        App = r.GetString(1),
        Index = r.GetInt32(2),
        ReleaseVersion = r.GetInt32(3),
        Deployment = r.GetInt32(4),
        NodeId = r.GetString(5),
        MemoryMb = r.GetInt64(6),
        DiskMb = r.GetInt64(7),
        Desired = r.GetString(8) == "stop" ? DesiredStatus.Stop : DesiredStatus.Run,
        Actual = ParseActual(r.GetString(9)),
        Port = r.GetInt32(10),
        ContainerId = r.GetString(11),
        Restarts = r.GetInt32(12),
        CrashCount = r.GetInt32(13),
        AwaitingRestart = r.GetBoolean(14),
        LastExitCode = r.GetInt32(15),
        Message = r.GetString(16),
        RestartGeneration = r.GetInt32(17),
        Since = FromMillis(r.GetInt64(18)),
        CreatedAt = FromMillis(r.GetInt64(19)),
    };

    private static NodeRecord ReadNode(SqliteDataReader r) => new()
    {
        NodeId = r.GetString(0),
        Address = r.GetString(1),
        Capacity = new ResourceAmounts(r.GetInt64(2), r.GetInt64(3), r.GetInt32(4)),
        ReportedUsed = new ResourceAmounts(r.GetInt64(5), r.GetInt64(6), r.GetInt32(7)),
        Labels = StoreJson.ToMap(r.GetString(8)),
        PortRangeStart = r.GetInt32(9),
        PortRangeEnd = r.GetInt32(10),
        State = r.GetString(11) switch
        {
            "lost" => NodeState.Lost,
            "draining" => NodeState.Draining,
            _ => NodeState.Ready,
        },
        LastHeartbeat = FromMillis(r.GetInt64(12)),
        RegisteredAt = FromMillis(r.GetInt64(13)),
        AssignmentGeneration = r.GetInt64(14),
        AssignmentFingerprint = r.GetString(15),
    };

    private static RouteRecord ReadRoute(SqliteDataReader r) => new()
    {
        App = r.GetString(0),
        Host = r.GetString(1),
        PathPrefix = r.GetString(2),
        CreatedAt = FromMillis(r.GetInt64(3)),
    };

    private static EventRecord ReadEvent(SqliteDataReader r) => new()
    {
        Id = r.GetInt64(0),
        Time = FromMillis(r.GetInt64(1)),
        App = r.GetString(2),
        Kind = r.GetString(3),
        Message = r.GetString(4),
        InstanceIndex = r.GetInt32(5),
        NodeId = r.GetString(6),
    };

    private static PackageRecord ReadPackage(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        App = r.GetString(1),
        Size = r.GetInt64(2),
        Path = r.GetString(3),
        CreatedAt = FromMillis(r.GetInt64(4)),
    };

    /// <summary>The lowercase name a node state is stored and shown as.</summary>
    public static string NodeStateText(NodeState state) => state switch
    {
        NodeState.Lost => "lost",
        NodeState.Draining => "draining",
        _ => "ready",
    };

    private static string DesiredText(DesiredStatus desired) => desired == DesiredStatus.Stop ? "stop" : "run";

    private static string ActualText(InstanceState state) => state.ToString().ToLowerInvariant();

    private static InstanceState ParseActual(string text) =>
        Enum.TryParse<InstanceState>(text, ignoreCase: true, out var state) ? state : InstanceState.Unspecified;

    private static long Millis(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private int Execute(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, (string Name, object Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
