using System.Collections.Concurrent;
using MiniPaas.LogAggregator.Model;

namespace MiniPaas.LogAggregator.Store;

/// <summary>
/// LogStore holds every app's <see cref="AppLog"/> under <c>{DataDirectory}/apps/{app}</c>. Apps are
/// opened (and repaired) at startup and created on their first line.
/// </summary>
internal sealed class LogStore : IDisposable
{
    private readonly ConcurrentDictionary<string, AppLog> _apps = new(StringComparer.Ordinal);
    private readonly object _createGate = new();
    private readonly string _appsDirectory;
    private readonly StoreSettings _settings;

    private LogStore(string dataDirectory, StoreSettings settings)
    {
        DataDirectory = dataDirectory;
        _appsDirectory = Path.Combine(dataDirectory, "apps");
        _settings = settings;
    }

    public string DataDirectory { get; }

    public StoreSettings Settings => _settings;

    public IReadOnlyCollection<string> AppNames => _apps.Keys.ToList();

    /// <summary>Opens the store, recovering every app directory; <paramref name="reports"/> says what was repaired.</summary>
    public static LogStore Open(string dataDirectory, StoreSettings settings, out IReadOnlyList<RecoveryReport> reports)
    {
        var store = new LogStore(dataDirectory, settings);
        Directory.CreateDirectory(store._appsDirectory);
        var found = new List<RecoveryReport>();
        foreach (var directory in Directory.EnumerateDirectories(store._appsDirectory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(directory);
            if (Model.AppNames.Validate(name) is not null)
            {
                continue;
            }

            store._apps[name] = AppLog.Open(name, directory, settings, out var report);
            found.Add(report);
        }

        reports = found;
        return store;
    }

    public bool TryGet(string app, out AppLog log) => _apps.TryGetValue(app, out log!);

    /// <summary>The app's log, created when this is its first line. The name must already be valid.</summary>
    public AppLog GetOrCreate(string app)
    {
        if (_apps.TryGetValue(app, out var log))
        {
            return log;
        }

        if (Model.AppNames.Validate(app) is { } problem)
        {
            throw new ArgumentException(problem, nameof(app));
        }

        lock (_createGate)
        {
            return _apps.GetOrAdd(app, name => AppLog.Open(name, Path.Combine(_appsDirectory, name), _settings, out _));
        }
    }

    /// <summary>Appends lines to an app (see <see cref="AppLog.Append"/>).</summary>
    public void Append(string app, IReadOnlyList<LogLine> lines) => GetOrCreate(app).Append(lines);

    /// <summary>Applies size and age retention to every app; returns the number of segments deleted.</summary>
    public int ApplyRetention(DateTimeOffset now)
    {
        var cutoff = now - _settings.RetentionAge;
        return _apps.Values.Sum(log => log.ApplyRetention(_settings.RetentionBytesPerApp, cutoff));
    }

    public void Dispose()
    {
        foreach (var log in _apps.Values)
        {
            log.Dispose();
        }
    }
}
