using Microsoft.Data.Sqlite;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Store;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Store;

public sealed class SchedulerStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public void Open_NewDirectory_AppliesEveryMigrationInWalMode()
    {
        var store = SchedulerStore.Open(_dir.Path);

        Assert.Equal(SchemaMigrations.All.Max(m => m.Version), store.SchemaVersion());
        using var connection = new SqliteConnection($"Data Source={store.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    [Fact]
    public void Open_ExistingDatabase_KeepsDataAndDoesNotReapplyMigrations()
    {
        SchedulerStore.Open(_dir.Path).Write(tx => tx.UpsertApp(NewApp("web")));
        SqliteConnection.ClearAllPools();

        var reopened = SchedulerStore.Open(_dir.Path);

        Assert.Equal(SchemaMigrations.All.Count, reopened.SchemaVersion());
        Assert.NotNull(reopened.Read(tx => tx.GetApp("web")));
    }

    [Fact]
    public void Write_FullState_ReadsBackIdenticalAfterReopen()
    {
        var store = SchedulerStore.Open(_dir.Path);
        var app = NewApp("web") with
        {
            DesiredInstances = 3,
            Env = new Dictionary<string, string> { ["A"] = "1", ["B"] = "two" },
            HealthCheck = new HealthCheckSpec { Type = "http", Endpoint = "/health", StartupTimeoutSeconds = 30 },
            CurrentReleaseVersion = 1,
            Deployment = 1,
        };
        var release = new ReleaseRecord
        {
            App = "web", Version = 1, ImageRepository = "apps/web", ImageDigest = "sha256:abc", Stack = "busybox",
            Command = "./start.sh", Env = app.Env, HealthCheck = app.HealthCheck, CreatedAt = T0, Description = "push",
        };
        var instance = new InstanceRecord
        {
            InstanceId = "web-0-aaaa", App = "web", Index = 0, ReleaseVersion = 1, Deployment = 1, NodeId = "node-1",
            MemoryMb = 256, DiskMb = 1024, Actual = InstanceState.Running, Port = 61000, ContainerId = "c1",
            Restarts = 2, CrashCount = 1, AwaitingRestart = true, LastExitCode = 137, Message = "oom",
            RestartGeneration = 2, Since = T0, CreatedAt = T0,
        };
        var node = new NodeRecord
        {
            NodeId = "node-1", Address = "127.0.0.11", Capacity = new ResourceAmounts(4096, 20000, 50),
            ReportedUsed = new ResourceAmounts(256, 10, 1), Labels = new Dictionary<string, string> { ["zone"] = "a" },
            PortRangeStart = 61000, PortRangeEnd = 61499, State = NodeState.Draining, LastHeartbeat = T0,
            RegisteredAt = T0, AssignmentGeneration = 7, AssignmentFingerprint = "fp",
        };
        store.Write(tx =>
        {
            tx.UpsertApp(app);
            tx.InsertRelease(release);
            tx.InsertInstance(instance);
            tx.UpsertNode(node);
        });
        SqliteConnection.ClearAllPools();

        var snapshot = SchedulerStore.Open(_dir.Path).Read(tx => tx.ReadSnapshot());

        var readApp = snapshot.Apps["web"];
        Assert.Equal(app with { Env = readApp.Env }, readApp);
        Assert.Equal(app.Env, readApp.Env);
        var readRelease = snapshot.Releases[new ReleaseKey("web", 1)];
        Assert.Equal(release with { Env = readRelease.Env }, readRelease);
        Assert.Equal(instance, Assert.Single(snapshot.Instances));
        var readNode = snapshot.Nodes["node-1"];
        Assert.Equal(node with { Labels = readNode.Labels }, readNode);
        Assert.Equal("a", readNode.Labels["zone"]);
    }

    [Fact]
    public void InsertRelease_ExistingVersion_ThrowsBecauseReleasesAreImmutable()
    {
        var store = SchedulerStore.Open(_dir.Path);
        var release = new ReleaseRecord { App = "web", Version = 1, ImageRepository = "r", ImageDigest = "sha256:1", CreatedAt = T0 };
        store.Write(tx =>
        {
            tx.UpsertApp(NewApp("web"));
            tx.InsertRelease(release);
        });

        Assert.Throws<SqliteException>(() => store.Write(tx => tx.InsertRelease(release with { ImageDigest = "sha256:2" })));
        Assert.Equal("sha256:1", store.Read(tx => tx.GetRelease("web", 1))!.ImageDigest);
    }

    [Fact]
    public void Write_FailsHalfway_RollsBackEveryRow()
    {
        var store = SchedulerStore.Open(_dir.Path);

        Assert.Throws<InvalidOperationException>(() => store.Write(tx =>
        {
            tx.UpsertApp(NewApp("web"));
            tx.AppendEvent(new EventRecord { Time = T0, App = "web", Kind = "x", Message = "m" });
            throw new InvalidOperationException("boom");
        }));

        Assert.Null(store.Read(tx => tx.GetApp("web")));
        Assert.Empty(store.Read(tx => tx.ListEvents("", 10)));
    }

    [Fact]
    public void Apply_Plan_CreatesUpdatesAndDeletesInOneTransaction()
    {
        var store = SchedulerStore.Open(_dir.Path);
        var a = Instance("a", 0);
        var b = Instance("b", 1);
        store.Write(tx =>
        {
            tx.InsertInstance(a);
            tx.InsertInstance(b);
        });
        var plan = new ReconcilePlan();
        plan.Deleted.Add(a);
        plan.Updated.Add(b with { Desired = DesiredStatus.Stop });
        plan.Created.Add(Instance("c", 2));
        plan.Events.Add(new EventRecord { Time = T0, App = "web", Kind = EventKinds.InstanceLost, Message = "lost" });

        store.Write(tx => tx.Apply(plan));

        var instances = store.Read(tx => tx.ListInstances("web"));
        Assert.Equal(["b", "c"], instances.Select(i => i.InstanceId));
        Assert.Equal(DesiredStatus.Stop, instances[0].Desired);
        Assert.Single(store.Read(tx => tx.ListEvents("web", 10)));
    }

    [Fact]
    public void ListEvents_MoreThanLimit_ReturnsNewestOldestFirst()
    {
        var store = SchedulerStore.Open(_dir.Path);
        store.Write(tx =>
        {
            for (var i = 0; i < 5; i++)
            {
                tx.AppendEvent(new EventRecord { Time = T0.AddSeconds(i), App = i % 2 == 0 ? "web" : "api", Kind = "k", Message = $"m{i}" });
            }
        });

        Assert.Equal(["m3", "m4"], store.Read(tx => tx.ListEvents("", 2)).Select(e => e.Message));
        Assert.Equal(["m0", "m2", "m4"], store.Read(tx => tx.ListEvents("web", 10)).Select(e => e.Message));
    }

    [Fact]
    public void PruneEvents_MoreThanKept_DeletesOnlyTheOldest()
    {
        var store = SchedulerStore.Open(_dir.Path);
        store.Write(tx =>
        {
            for (var i = 0; i < 10; i++)
            {
                tx.AppendEvent(new EventRecord { Time = T0, Kind = "k", Message = $"m{i}" });
            }
        });

        Assert.Equal(7, store.Write(tx => tx.PruneEvents(3)));

        Assert.Equal(["m7", "m8", "m9"], store.Read(tx => tx.ListEvents("", 100)).Select(e => e.Message));
    }

    [Fact]
    public void DeleteApp_WithReleases_RemovesReleasesButKeepsInstances()
    {
        var store = SchedulerStore.Open(_dir.Path);
        store.Write(tx =>
        {
            tx.UpsertApp(NewApp("web"));
            tx.InsertRelease(new ReleaseRecord { App = "web", Version = 1, ImageRepository = "r", ImageDigest = "d", CreatedAt = T0 });
            tx.InsertInstance(Instance("i1", 0));
        });

        Assert.True(store.Write(tx => tx.DeleteApp("web")));

        Assert.Empty(store.Read(tx => tx.ListReleases("web")));
        Assert.Single(store.Read(tx => tx.ListInstances("web")));
    }

    private static AppRecord NewApp(string name) => new() { Name = name, CreatedAt = T0, UpdatedAt = T0 };

    private static InstanceRecord Instance(string id, int index) => new()
    {
        InstanceId = id, App = "web", Index = index, ReleaseVersion = 1, Deployment = 1, NodeId = "n1", Since = T0, CreatedAt = T0.AddSeconds(index),
    };
}
