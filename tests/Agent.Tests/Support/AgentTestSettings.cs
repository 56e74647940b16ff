using System.Net;

namespace MiniPaas.Agent.Tests.Support;

/// <summary>Everything that distinguishes one test's agent from another's.</summary>
internal sealed record AgentTestSettings(string NodeId, Uri SchedulerAddress, IPAddress Address, int PortRangeStart, int PortRangeEnd, string DataDirectory, IReadOnlyDictionary<string, string?>? Extra = null)
{
    public static AgentTestSettings For(string address, Uri schedulerAddress)
    {
        var ip = IPAddress.Parse(address);
        var (start, end) = FreePorts.Range(ip, 10);
        var nodeId = "agent-test-" + Guid.NewGuid().ToString("N")[..8];
        return new AgentTestSettings(nodeId, schedulerAddress, ip, start, end, Path.Combine(Path.GetTempPath(), nodeId));
    }
}
