using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;
using MiniPaas.Agent.Hosting;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using Microsoft.Extensions.Options;

namespace MiniPaas.Agent.Registration;

/// <summary>
/// The agent's side of the scheduler's NodeControl service: one HTTP/2 channel, one method per RPC,
/// each unary call bounded by a deadline so a hung scheduler cannot stall the agent.
/// </summary>
internal sealed class NodeControlClient : IDisposable
{
    private static readonly ServiceDescriptor Service = AgentReflection.Descriptor.FindTypeByName<ServiceDescriptor>("NodeControl");
    private static readonly Method<RegisterRequest, RegisterReply> RegisterMethod = Method<RegisterRequest, RegisterReply>.From(Service, "Register");
    private static readonly Method<HeartbeatRequest, HeartbeatReply> HeartbeatMethod = Method<HeartbeatRequest, HeartbeatReply>.From(Service, "Heartbeat");
    private static readonly Method<WatchAssignmentsRequest, AssignmentSet> WatchAssignmentsMethod = Method<WatchAssignmentsRequest, AssignmentSet>.From(Service, "WatchAssignments");
    private static readonly Method<InstanceReportBatch, ReportReply> ReportInstancesMethod = Method<InstanceReportBatch, ReportReply>.From(Service, "ReportInstances");

    private static readonly TimeSpan UnaryDeadline = TimeSpan.FromSeconds(10);

    private readonly RpcChannel _channel;
    private readonly TimeProvider _time;

    public NodeControlClient(IOptions<AgentOptions> options, TimeProvider time)
    {
        var settings = options.Value;
        _time = time;
        _channel = new RpcChannel(
            new Uri(settings.SchedulerAddress),
            new RpcChannelOptions { BearerToken = string.IsNullOrEmpty(settings.NodeToken) ? null : settings.NodeToken });
    }

    public Task<RegisterReply> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(RegisterMethod, request, Unary(cancellationToken));

    public Task<HeartbeatReply> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(HeartbeatMethod, request, Unary(cancellationToken));

    public Task<ReportReply> ReportInstancesAsync(InstanceReportBatch batch, CancellationToken cancellationToken) =>
        _channel.UnaryAsync(ReportInstancesMethod, batch, Unary(cancellationToken));

    /// <summary>Opens the assignment stream; it has no deadline, it lives as long as the registration.</summary>
    public async IAsyncEnumerable<AssignmentSet> WatchAssignmentsAsync(
        WatchAssignmentsRequest request,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var call = _channel.ServerStreaming(WatchAssignmentsMethod, request, new CallOptions { CancellationToken = cancellationToken });
        await foreach (var set in call.ResponseStream.WithCancellation(cancellationToken))
        {
            yield return set;
        }
    }

    public void Dispose() => _channel.Dispose();

    private CallOptions Unary(CancellationToken cancellationToken) => new()
    {
        Deadline = _time.GetUtcNow() + UnaryDeadline,
        CancellationToken = cancellationToken,
    };
}
