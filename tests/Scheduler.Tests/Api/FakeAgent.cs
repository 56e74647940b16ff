using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Scheduler.Tests.Api;

/// <summary>
/// FakeAgent is the test playing a node agent over the real API: it registers, watches its
/// assignment set and reports every assigned instance RUNNING (and dropped ones STOPPED), the way
/// the real agent would once its containers are up.
/// </summary>
internal sealed class FakeAgent : IAsyncDisposable
{
    private readonly RpcChannel _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, (int Port, int Generation)> _running = new();
    private Task? _watch;
    private int _nextPort;

    public FakeAgent(SchedulerTestHost host, string nodeId, string address, int firstPort)
    {
        _channel = host.Channel(SchedulerTestHost.NodeToken);
        NodeId = nodeId;
        Address = address;
        _nextPort = firstPort;
    }

    public string NodeId { get; }

    public string Address { get; }

    /// <summary>Every set received, in order.</summary>
    public ConcurrentQueue<AssignmentSet> Sets { get; } = new();

    public AssignmentSet? Latest => Sets.LastOrDefault();

    /// <summary>Instances this agent runs (id → port), e.g. to report them when it registers again.</summary>
    public IReadOnlyDictionary<string, (int Port, int Generation)> Running => _running;

    public Task<RegisterReply> RegisterAsync(IEnumerable<InstanceReport>? running = null)
    {
        var request = new RegisterRequest
        {
            NodeId = NodeId,
            Address = Address,
            Capacity = new Resources { MemoryMb = 4096, DiskMb = 20480, Instances = 50 },
            PortRangeStart = _nextPort,
            PortRangeEnd = _nextPort + 499,
        };
        request.Labels.Add("role", "test");
        foreach (var report in running ?? [])
        {
            // What a restarted agent finds still running; it keeps serving on the same port.
            request.Running.Add(report);
            _running[report.InstanceId] = (report.Port, 0);
        }

        return _channel.UnaryAsync(Methods.Register, request, Deadline());
    }

    public Task<HeartbeatReply> HeartbeatAsync() =>
        _channel.UnaryAsync(Methods.Heartbeat, new HeartbeatRequest { NodeId = NodeId, Used = new Resources() }, Deadline());

    /// <summary>Starts the watch loop; it obeys every set until disposed.</summary>
    public void StartWatching() => _watch = Task.Run(() => WatchAsync(_stop.Token));

    public Task<ReportReply> ReportAsync(string instanceId, InstanceState state, int exitCode = 0, int port = 0)
    {
        var batch = new InstanceReportBatch { NodeId = NodeId };
        batch.Reports.Add(new InstanceReport
        {
            InstanceId = instanceId,
            State = state,
            Port = port,
            ExitCode = exitCode,
            Since = Timestamp.FromDateTime(DateTime.UtcNow),
        });
        return _channel.UnaryAsync(Methods.ReportInstances, batch, Deadline());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_watch is not null)
        {
            try
            {
                await _watch;
            }
            catch (Exception ex) when (ex is OperationCanceledException or RpcException)
            {
                // Stopping the watch is what dispose asks for.
            }
        }

        _channel.Dispose();
        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var call = _channel.ServerStreaming(Methods.WatchAssignments, new WatchAssignmentsRequest { NodeId = NodeId }, new CallOptions { CancellationToken = cancellationToken });
        await foreach (var set in call.ResponseStream.WithCancellation(cancellationToken))
        {
            Sets.Enqueue(set);
            var assigned = set.Assignments.ToDictionary(a => a.InstanceId);
            foreach (var assignment in set.Assignments)
            {
                if (!_running.TryGetValue(assignment.InstanceId, out var running) || running.Generation != assignment.RestartGeneration)
                {
                    var port = running.Port != 0 ? running.Port : Interlocked.Increment(ref _nextPort);
                    _running[assignment.InstanceId] = (port, assignment.RestartGeneration);
                    await ReportAsync(assignment.InstanceId, InstanceState.Running, port: port);
                }
            }

            foreach (var id in _running.Keys.Where(id => !assigned.ContainsKey(id)).ToList())
            {
                _running.TryRemove(id, out _);
                await ReportAsync(id, InstanceState.Stopped);
            }
        }
    }

    private static CallOptions Deadline() => new() { Deadline = DateTimeOffset.UtcNow.AddSeconds(20) };
}
