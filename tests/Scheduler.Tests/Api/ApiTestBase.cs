using Microsoft.Data.Sqlite;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Tests.Infrastructure;

namespace MiniPaas.Scheduler.Tests.Api;

/// <summary>Starts a real scheduler per test on a temporary data directory.</summary>
public abstract class ApiTestBase : IAsyncLifetime
{
    internal TempDirectory Data { get; } = new();

    internal SchedulerTestHost Host { get; private set; } = null!;

    internal RpcChannel Admin { get; private set; } = null!;

    /// <summary>Every log entry of the scheduler(s) this test started, restarts included.</summary>
    internal LogCapture Logs { get; } = new();

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        Host = await SchedulerTestHost.StartAsync(Data.Path, Settings, Logs);
        Admin = Host.Channel();
    }

    public virtual async Task DisposeAsync()
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Data.Dispose();
    }

    /// <summary>Stops the scheduler, runs <paramref name="whileStopped"/> (e.g. to age the store), and starts it again.</summary>
    internal async Task RestartHostAsync(Action? whileStopped = null)
    {
        Admin.Dispose();
        await Host.DisposeAsync();
        SqliteConnection.ClearAllPools();
        whileStopped?.Invoke();
        SqliteConnection.ClearAllPools();
        Host = await SchedulerTestHost.StartAsync(Data.Path, Settings, Logs);
        Admin = Host.Channel();
    }

    /// <summary>Puts an app with one release straight into the store (as a finished push would) and reconciles it via Scale.</summary>
    internal async Task<AppDetail> SeedAppAsync(string name, int instances)
    {
        var now = DateTimeOffset.UtcNow;
        Host.Store.Write(tx =>
        {
            tx.UpsertApp(new AppRecord { Name = name, DesiredInstances = 0, CurrentReleaseVersion = 1, Deployment = 1, CreatedAt = now, UpdatedAt = now });
            tx.InsertRelease(new ReleaseRecord
            {
                App = name, Version = 1, ImageRepository = name, ImageDigest = "sha256:" + new string('a', 64), Stack = "busybox",
                Command = "./start.sh", CreatedAt = now, Description = "seeded by test",
            });
        });
        return await Admin.UnaryAsync(Methods.Scale, new ScaleRequest { App = name, Instances = instances }, Deadline());
    }

    internal Task<AppDetail> GetAppAsync(string name) => Admin.UnaryAsync(Methods.GetApp, new GetAppRequest { App = name }, Deadline());

    internal static CallOptions Deadline(int seconds = 20) => new() { Deadline = DateTimeOffset.UtcNow.AddSeconds(seconds) };
}
