using MiniPaas.Agent.Diagnostics;
using MiniPaas.Agent.Hosting;
using MiniPaas.Agent.Instances;
using MiniPaas.Agent.Registration;
using MiniPaas.Contracts.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MiniPaas.Agent.Assignments;

/// <summary>
/// Reads the node's WatchAssignments stream and hands each complete desired set to the supervisor.
/// Each set replaces the previous one wholesale, so a set missed while disconnected needs no
/// catching up: the first set of the next stream is the whole truth.
/// </summary>
internal sealed class AssignmentStreamConsumer(
    NodeControlClient client,
    InstanceSupervisor supervisor,
    IOptions<AgentOptions> options,
    ILogger<AssignmentStreamConsumer> logger)
{
    /// <summary>Returns when the scheduler ends the stream; throws when the stream fails.</summary>
    public async Task ConsumeAsync(CancellationToken cancellationToken)
    {
        var request = new WatchAssignmentsRequest { NodeId = options.Value.NodeId };
        var first = true;
        await foreach (var set in client.WatchAssignmentsAsync(request, cancellationToken))
        {
            AgentLog.AssignmentSetReceived(logger, set.Generation, set.Assignments.Count);
            supervisor.ApplyDesired(set, firstOnStream: first);
            first = false;
        }
    }
}
