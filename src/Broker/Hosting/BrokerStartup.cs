using MiniPaas.Broker.Bindings;
using MiniPaas.Broker.Instances;
using MiniPaas.Broker.Servers;
using MiniPaas.Broker.Store;

namespace MiniPaas.Broker.Hosting;

/// <summary>
/// Brings the broker up before the first request (the web server starts after hosted services): locks the data
/// directory, opens the store, starts PostgreSQL and Redis, then cleans up half-made bindings and resumes
/// interrupted operations. Stops everything in reverse order.
/// </summary>
internal sealed class BrokerStartup : IHostedService
{
    private readonly BrokerPaths _paths;
    private readonly BrokerStore _store;
    private readonly PostgresServer _postgres;
    private readonly RedisServer _redis;
    private readonly OperationRunner _runner;
    private readonly InstanceService _instances;
    private readonly BindingService _bindings;
    private readonly ILogger<BrokerStartup> _logger;
    private FileStream? _lock;

    public BrokerStartup(
        BrokerPaths paths,
        BrokerStore store,
        PostgresServer postgres,
        RedisServer redis,
        OperationRunner runner,
        InstanceService instances,
        BindingService bindings,
        ILogger<BrokerStartup> logger)
    {
        _paths = paths;
        _store = store;
        _postgres = postgres;
        _redis = redis;
        _runner = runner;
        _instances = instances;
        _bindings = bindings;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Directory.Exists(_paths.DataDirectory))
        {
            // Searchable by others (o+x) but not listable: the cluster's OS user must reach its own subdirectory.
            Directory.CreateDirectory(_paths.DataDirectory,
                UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        try
        {
            _lock = new FileStream(_paths.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"Another broker is using {BrokerOptions.SectionName}:DataDirectory \"{_paths.DataDirectory}\" ({ex.Message}); two brokers must not drive the same servers.", ex);
        }

        try
        {
            _store.Open(_paths.Database, _paths.KeyFile);
            await _postgres.StartAsync(cancellationToken);
            await _redis.StartAsync(cancellationToken);
            await _bindings.CleanUpInterruptedAsync(cancellationToken);
            await _instances.ResumeInterruptedAsync(cancellationToken);
            BrokerLog.BrokerReady(_logger, _paths.DataDirectory);
        }
        catch
        {
            await StopServersAsync(CancellationToken.None);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => StopServersAsync(cancellationToken);

    private async Task StopServersAsync(CancellationToken cancellationToken)
    {
        await _runner.StopAsync();
        try
        {
            await _redis.StopAsync(cancellationToken);
        }
        finally
        {
            try
            {
                await _postgres.StopAsync(cancellationToken);
            }
            finally
            {
                _lock?.Dispose();
                _lock = null;
            }
        }
    }
}
