using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Agent.Diagnostics;
using MiniPaas.Agent.Hosting;
using MiniPaas.Contracts.V1;
using MiniPaas.Docker;
using MiniPaas.Logging.Client;

namespace MiniPaas.Agent.LogShipping;

/// <summary>
/// What the instance supervisor calls to get logs to the aggregator: follow a container's output
/// (<c>APP/&lt;index&gt;</c>) and say what happened to an instance (<c>CELL/&lt;index&gt;</c>). Every call
/// returns at once: lines go into the shipper's bounded buffer, followers run on their own tasks,
/// so a slow or absent aggregator never holds up the supervisor. With no
/// <see cref="AgentOptions.LogAggregatorAddress"/> nothing is shipped.
/// </summary>
internal sealed class InstanceLogShipping : IAsyncDisposable
{
    private readonly LogShipper? _shipper;
    private readonly DockerClient _docker;
    private readonly TimeProvider _time;
    private readonly ILogger<InstanceLogShipping> _logger;
    private readonly string _nodeId;
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _followers = new(StringComparer.Ordinal);

    public InstanceLogShipping(IOptions<AgentOptions> options, DockerClient docker, TimeProvider time, ILoggerFactory loggers)
    {
        var settings = options.Value;
        _docker = docker;
        _time = time;
        _logger = loggers.CreateLogger<InstanceLogShipping>();
        _nodeId = settings.NodeId;
        if (string.IsNullOrEmpty(settings.LogAggregatorAddress))
        {
            AgentLog.LogShippingDisabled(_logger);
            return;
        }

        _shipper = new LogShipper(
            new LogShipperOptions
            {
                Address = new Uri(settings.LogAggregatorAddress),
                Token = string.IsNullOrEmpty(settings.LogAggregatorToken) ? null : settings.LogAggregatorToken,
                TimeProvider = time,
            },
            loggers.CreateLogger<LogShipper>());
        AgentLog.LogShippingEnabled(_logger, settings.LogAggregatorAddress);
    }

    /// <summary>True when lines go to an aggregator.</summary>
    public bool Enabled => _shipper is not null;

    /// <summary>The shipper's counters (null when shipping is off).</summary>
    public LogShipperStats? Stats => _shipper?.GetStats();

    /// <summary>
    /// Starts following <paramref name="containerId"/> unless it is followed already.
    /// <paramref name="since"/> null = from its first line (a container the agent just started);
    /// a time = from then (a container adopted after an agent restart, whose earlier lines were shipped by the previous agent).
    /// </summary>
    public void FollowContainer(string containerId, string app, int index, DateTimeOffset? since)
    {
        if (_shipper is null || string.IsNullOrEmpty(app))
        {
            return;
        }

        lock (_gate)
        {
            if (_lifetime.IsCancellationRequested || _followers.ContainsKey(containerId))
            {
                return;
            }

            foreach (var done in _followers.Where(pair => pair.Value.IsCompleted).Select(pair => pair.Key).ToList())
            {
                _followers.Remove(done);
            }

            var follower = new ContainerOutputFollower(_docker, _shipper, _time, _logger, containerId, app, index);
            _followers[containerId] = Task.Run(() => follower.RunAsync(since, _lifetime.Token));
        }
    }

    /// <summary>A <c>CELL</c> line for an instance state change (see <see cref="CellEventMessages.ForTransition"/>).</summary>
    public void InstanceStateChanged(string app, int index, InstanceState previous, InstanceState state, string message)
    {
        if (CellEventMessages.ForTransition(_nodeId, index, previous, state, message) is { } line)
        {
            Cell(app, index, line.Message, line.IsError);
        }
    }

    /// <summary>A <c>CELL</c> line for a container the engine just started.</summary>
    public void ContainerStarted(string app, int index, string containerId, int port) =>
        Cell(app, index, CellEventMessages.ContainerStarted(_nodeId, index, containerId, port), isError: false);

    /// <summary>Stops the followers and delivers what is buffered (bounded by the shipper's DisposeFlushTimeout).</summary>
    public async ValueTask DisposeAsync()
    {
        List<Task> followers;
        lock (_gate)
        {
            if (_lifetime.IsCancellationRequested)
            {
                return;
            }

            _lifetime.Cancel();
            followers = [.. _followers.Values];
        }

        await Task.WhenAll(followers).WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        if (_shipper is not null)
        {
            await _shipper.DisposeAsync();
        }

        _lifetime.Dispose();
    }

    private void Cell(string app, int index, string message, bool isError)
    {
        if (_shipper is null || string.IsNullOrEmpty(app))
        {
            return;
        }

        _shipper.TryEnqueue(
            app,
            LogSourceTypes.Cell,
            index.ToString(CultureInfo.InvariantCulture),
            message,
            isError ? LogOutputStream.Err : LogOutputStream.Out,
            _time.GetUtcNow());
    }
}
