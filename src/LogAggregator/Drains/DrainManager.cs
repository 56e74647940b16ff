using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Logging.Client;
using MiniPaas.LogAggregator.Diagnostics;
using MiniPaas.LogAggregator.Hosting;
using MiniPaas.LogAggregator.Model;
using MiniPaas.LogAggregator.Store;

namespace MiniPaas.LogAggregator.Drains;

/// <summary>
/// DrainManager owns the syslog drains: it persists their definitions in <c>drains.json</c>
/// (rewritten atomically on every change), starts them at startup, and turns each drain's new
/// drop count into a "dropped N lines" LGR entry in the app's log every report interval.
/// </summary>
internal sealed class DrainManager : IHostedService, IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    private readonly object _gate = new();
    private readonly Dictionary<string, SyslogDrain> _drains = new(StringComparer.Ordinal);
    private readonly LogStore _store;
    private readonly LogAggregatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DrainManager> _logger;
    private readonly string _path;
    private ITimer? _reportTimer;

    public DrainManager(LogStore store, IOptions<LogAggregatorOptions> options, TimeProvider time, ILogger<DrainManager> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _path = Path.Combine(store.DataDirectory, "drains.json");
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var definition in Load())
        {
            if (DrainUrl.TryParse(definition.Url, out var url, out _) && AppNames.Validate(definition.App) is null)
            {
                lock (_gate)
                {
                    _drains[definition.Id] = Start(definition, url!);
                }
            }
        }

        _reportTimer = _time.CreateTimer(_ => ReportDropsFromTimer(), null, _options.DropReportInterval, _options.DropReportInterval);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_reportTimer is not null)
        {
            await _reportTimer.DisposeAsync();
            _reportTimer = null;
        }

        List<SyslogDrain> drains;
        lock (_gate)
        {
            drains = _drains.Values.ToList();
            _drains.Clear();
        }

        foreach (var drain in drains)
        {
            await drain.DisposeAsync();
        }
    }

    /// <summary>Adds a drain (or returns the app's existing drain to the same URL).</summary>
    public SyslogDrain Add(string app, DrainUrl url)
    {
        var normalized = url.ToString();
        SyslogDrain drain;
        lock (_gate)
        {
            var existing = _drains.Values.FirstOrDefault(d => d.Definition.App == app && d.Definition.Url == normalized);
            if (existing is not null)
            {
                return existing;
            }

            var definition = new DrainDefinition("d-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), app, normalized);
            drain = Start(definition, url);
            _drains[definition.Id] = drain;
            Save();
        }

        AggregatorLog.DrainAdded(_logger, drain.Definition.Id, app, normalized);
        return drain;
    }

    /// <summary>Removes a drain by id or URL (limited to <paramref name="app"/> when given); null when none matches.</summary>
    public DrainInfo? Remove(string? app, string idOrUrl)
    {
        SyslogDrain? drain;
        var url = DrainUrl.TryParse(idOrUrl, out var parsed, out _) ? parsed!.ToString() : null;
        lock (_gate)
        {
            drain = _drains.Values.FirstOrDefault(d =>
                (string.IsNullOrEmpty(app) || d.Definition.App == app)
                && (d.Definition.Id == idOrUrl || d.Definition.Url == url));
            if (drain is null)
            {
                return null;
            }

            _drains.Remove(drain.Definition.Id);
            Save();
        }

        var info = drain.Describe();
        _ = drain.DisposeAsync().AsTask();
        AggregatorLog.DrainRemoved(_logger, drain.Definition.Id, drain.Definition.App, drain.Definition.Url);
        return info;
    }

    public IReadOnlyList<DrainInfo> List(string? app)
    {
        lock (_gate)
        {
            return _drains.Values
                .Where(d => app is null || d.Definition.App == app)
                .OrderBy(d => d.Definition.App, StringComparer.Ordinal)
                .ThenBy(d => d.Definition.Url, StringComparer.Ordinal)
                .Select(d => d.Describe())
                .ToList();
        }
    }

    private void ReportDropsFromTimer()
    {
        // An exception escaping a timer callback would end the process.
        try
        {
            ReportDrops();
        }
        catch (Exception error)
        {
            AggregatorLog.MaintenanceFailed(_logger, "drain drop report", error);
        }
    }

    /// <summary>Writes one LGR line per drain that dropped lines since the last report.</summary>
    internal void ReportDrops()
    {
        List<SyslogDrain> drains;
        lock (_gate)
        {
            drains = _drains.Values.ToList();
        }

        foreach (var drain in drains)
        {
            var dropped = drain.TakeNewDrops();
            if (dropped <= 0)
            {
                continue;
            }

            var line = new LogLine(
                _time.GetUtcNow(),
                LogSourceTypes.Aggregator,
                "",
                LineStream.Err,
                $"Syslog drain {drain.Definition.Url} dropped {dropped} lines: its receiver is slow or unreachable (queue of {_options.DrainQueueLines} lines full)");
            try
            {
                _store.Append(drain.Definition.App, [line]);
            }
            catch (IOException error)
            {
                AggregatorLog.AppendFailed(_logger, drain.Definition.App, error);
            }
        }
    }

    private SyslogDrain Start(DrainDefinition definition, DrainUrl url) => new(
        definition,
        url,
        _store.GetOrCreate(definition.App),
        _options.DrainQueueLines,
        new DrainTiming(_options.DrainReconnectInitialDelay, _options.DrainReconnectMaxDelay),
        _time,
        _logger);

    private List<DrainDefinition> Load()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<DrainDefinition>>(File.ReadAllText(_path), Json) ?? [];
        }
        catch (Exception error) when (error is JsonException or IOException)
        {
            AggregatorLog.DrainsUnreadable(_logger, _path, error);
            return [];
        }
    }

    private void Save()
    {
        var definitions = _drains.Values.Select(d => d.Definition).OrderBy(d => d.Id, StringComparer.Ordinal).ToList();
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(definitions, Json));
        File.Move(temporary, _path, overwrite: true);
    }
}
