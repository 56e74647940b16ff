using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using MiniPaas.Agent.Diagnostics;
using MiniPaas.Contracts.V1;
using MiniPaas.Docker;
using MiniPaas.Logging.Client;

namespace MiniPaas.Agent.LogShipping;

/// <summary>
/// Follows one container's stdout and stderr (one multiplexed engine stream, so the two keep their
/// relative order) and hands every line to the shipper as <c>APP/&lt;index&gt;</c>. When the stream
/// ends and the container runs again (restarted by someone other than the agent) it follows again
/// from the last line it shipped; when the container is gone or stopped, it is done: a restart by
/// the agent makes a new container, with its own follower.
/// </summary>
internal sealed class ContainerOutputFollower
{
    private static readonly TimeSpan RetryInitialDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RetryMaxDelay = TimeSpan.FromSeconds(5);

    private readonly DockerClient _docker;
    private readonly LogShipper _shipper;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _containerId;
    private readonly string _app;
    private readonly string _index;

    public ContainerOutputFollower(DockerClient docker, LogShipper shipper, TimeProvider time, ILogger logger, string containerId, string app, int index)
    {
        _docker = docker;
        _shipper = shipper;
        _time = time;
        _logger = logger;
        _containerId = containerId;
        _app = app;
        _index = index.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs until the container stops for good, disappears, or <paramref name="cancellationToken"/>
    /// fires. <paramref name="since"/> null means from the container's first line; an adopted
    /// container is followed from "now" so an agent restart does not ship its history twice.
    /// </summary>
    public async Task RunAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        DateTimeOffset? lastShipped = null;
        var delay = RetryInitialDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            var from = lastShipped ?? since;
            AgentLog.FollowingContainer(_logger, _containerId, _app, int.Parse(_index, CultureInfo.InvariantCulture), from?.ToString("O", CultureInfo.InvariantCulture) ?? "its start");
            try
            {
                var options = new LogsOptions { Follow = true, Stdout = true, Stderr = true, Timestamps = true, Since = from };
                await foreach (var line in _docker.ReadLogsAsync(_containerId, options, cancellationToken))
                {
                    // The engine's since has whole-line granularity at best: after a re-follow, lines
                    // at or before the last shipped one were shipped already.
                    if (lastShipped is { } last && line.Timestamp is { } stamp && stamp <= last)
                    {
                        continue;
                    }

                    Ship(line);
                    lastShipped = line.Timestamp ?? lastShipped;
                    delay = RetryInitialDelay;
                }
            }
            catch (DockerNotFoundException)
            {
                AgentLog.ContainerFollowEnded(_logger, _containerId, "the container was removed");
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                AgentLog.ContainerLogReadFailed(_logger, _containerId, ex.Message, delay.TotalMilliseconds);
                if (!await WaitAsync(delay, cancellationToken))
                {
                    return;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, RetryMaxDelay.Ticks));
                continue;
            }

            // The stream ends when the container stops. Only a container running again (restarted
            // outside the agent) has more to say.
            if (!await IsRunningAsync(cancellationToken))
            {
                AgentLog.ContainerFollowEnded(_logger, _containerId, "the container stopped");
                return;
            }

            // Lines missing a timestamp would be shipped again from the start; start from now instead.
            lastShipped ??= _time.GetUtcNow();
        }
    }

    private void Ship(LogLine line)
    {
        var entry = new LogEntry
        {
            App = _app,
            SourceType = LogSourceTypes.App,
            SourceInstance = _index,
            Stream = line.Stream == LogStream.Stderr ? LogOutputStream.Err : LogOutputStream.Out,
            Timestamp = Timestamp.FromDateTimeOffset(line.Timestamp ?? _time.GetUtcNow()),
            Message = line.Text.TrimEnd('\r'),
        };

        // Never blocks: a full buffer (aggregator down for long) drops and counts the line.
        _shipper.TryEnqueue(entry);
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        try
        {
            var inspected = await _docker.InspectContainerAsync(_containerId, cancellationToken);
            return inspected is { State.Running: true };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex)
        {
            AgentLog.ContainerLogReadFailed(_logger, _containerId, ex.Message, 0);
            return false;
        }
    }

    private async Task<bool> WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _time, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
