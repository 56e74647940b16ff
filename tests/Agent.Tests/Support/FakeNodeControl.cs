using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>The NodeControl handlers the RPC layer binds by name; they delegate to <see cref="FakeScheduler"/>.</summary>
internal sealed class FakeNodeControl(FakeScheduler scheduler)
{
    public Task<RegisterReply> Register(RegisterRequest request, ServerCallContext context) => Task.FromResult(scheduler.Register(request));

    public Task<HeartbeatReply> Heartbeat(HeartbeatRequest request, ServerCallContext context) => Task.FromResult(scheduler.Heartbeat());

    public Task WatchAssignments(WatchAssignmentsRequest request, IServerStreamWriter<AssignmentSet> responses, ServerCallContext context) =>
        scheduler.StreamAssignmentsAsync(responses, context.CancellationToken);

    public Task<ReportReply> ReportInstances(InstanceReportBatch request, ServerCallContext context) => Task.FromResult(scheduler.Report(request));
}
