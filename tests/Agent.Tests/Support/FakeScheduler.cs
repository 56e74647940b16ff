using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>
/// Plays the scheduler for the agent: a real NodeControl gRPC endpoint (h2c on 127.0.0.1) that
/// records registrations, heartbeats and reports, and streams whatever assignment set the test pushes.
/// It can fail report calls and ask for re-registration, and it can be stopped and started again on
/// the same port to play a scheduler restart.
/// </summary>
internal sealed class FakeScheduler : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RegisterRequest> _registrations = [];
    private readonly List<InstanceReport> _reports = [];
    private readonly List<Channel<AssignmentSet>> _watchers = [];
    private AssignmentSet _current = new() { Generation = 0 };
    private WebApplication? _app;
    private CancellationTokenSource _streams = new();

    private FakeScheduler()
    {
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>What RegisterReply.registry_address says; set before the agent registers.</summary>
    public string RegistryAddress { get; set; } = "127.0.0.1:5999";

    /// <summary>What RegisterReply.registry_token says.</summary>
    public string RegistryToken { get; set; } = "test-token";

    public int HeartbeatCount { get; private set; }

    /// <summary>How many of the next ReportInstances calls to refuse with UNAVAILABLE.</summary>
    public int ReportsToRefuse { get; set; }

    public bool ReregisterOnNextHeartbeat { get; set; }

    public IReadOnlyList<RegisterRequest> Registrations
    {
        get
        {
            lock (_gate)
            {
                return _registrations.ToList();
            }
        }
    }

    public IReadOnlyList<InstanceReport> Reports
    {
        get
        {
            lock (_gate)
            {
                return _reports.ToList();
            }
        }
    }

    public static async Task<FakeScheduler> StartAsync()
    {
        var scheduler = new FakeScheduler();
        await scheduler.StartOnAsync(0);
        return scheduler;
    }

    /// <summary>Stops serving: open streams end, calls fail as with a dead scheduler.</summary>
    public async Task StopAsync()
    {
        if (_app is null)
        {
            return;
        }

        await _streams.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    /// <summary>Serves again on the same port, remembering nothing, as a restarted scheduler would.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        lock (_gate)
        {
            _registrations.Clear();
            _reports.Clear();
        }

        await StartOnAsync(Address.Port);
    }

    /// <summary>Makes <paramref name="assignments"/> the node's complete desired set and streams it.</summary>
    public void Push(params Assignment[] assignments)
    {
        lock (_gate)
        {
            var next = new AssignmentSet { Generation = _current.Generation + 1 };
            next.Assignments.AddRange(assignments.Select(a => a.Clone()));
            _current = next;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(next);
            }
        }
    }

    public IReadOnlyList<InstanceReport> ReportsFor(string instanceId) => Reports.Where(report => report.InstanceId == instanceId).ToList();

    public InstanceReport? LastReport(string instanceId, InstanceState state) =>
        Reports.LastOrDefault(report => report.InstanceId == instanceId && report.State == state);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _streams.Dispose();
    }

    internal RegisterReply Register(RegisterRequest request)
    {
        lock (_gate)
        {
            _registrations.Add(request);
        }

        return new RegisterReply { HeartbeatIntervalMillis = 200, RegistryAddress = RegistryAddress, RegistryToken = RegistryToken };
    }

    internal HeartbeatReply Heartbeat()
    {
        lock (_gate)
        {
            HeartbeatCount++;
            var reregister = ReregisterOnNextHeartbeat;
            ReregisterOnNextHeartbeat = false;
            return new HeartbeatReply { Reregister = reregister };
        }
    }

    internal ReportReply Report(InstanceReportBatch batch)
    {
        lock (_gate)
        {
            if (ReportsToRefuse > 0)
            {
                ReportsToRefuse--;
                throw new RpcException(StatusCode.Unavailable, "scheduler is busy (refused by the test)");
            }

            _reports.AddRange(batch.Reports);
        }

        return new ReportReply();
    }

    internal async Task StreamAssignmentsAsync(IServerStreamWriter<AssignmentSet> responses, CancellationToken callAborted)
    {
        var watcher = Channel.CreateUnbounded<AssignmentSet>();
        CancellationToken stopping;
        lock (_gate)
        {
            watcher.Writer.TryWrite(_current);
            _watchers.Add(watcher);
            stopping = _streams.Token;
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(callAborted, stopping);
        try
        {
            await foreach (var set in watcher.Reader.ReadAllAsync(both.Token))
            {
                await responses.WriteAsync(set, both.Token);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // A stopping scheduler breaks the stream, which is what the agent must cope with.
            throw new RpcException(StatusCode.Unavailable, "scheduler stopping");
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    private async Task StartOnAsync(int port)
    {
        _streams = new CancellationTokenSource();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenRpc(IPAddress.Loopback, port));
        builder.Services.AddRpc();
        builder.Services.AddSingleton(this);
        builder.Services.AddSingleton<FakeNodeControl>();
        var app = builder.Build();
        app.MapRpcService<FakeNodeControl>(AgentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("NodeControl"));
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Address = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        _app = app;
    }
}
