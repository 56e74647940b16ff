namespace MiniPaas.Cli.Platform;

/// <summary>AgentSlot is one node agent's place: its node id, the loopback address its instances listen on, and its port range (inclusive).</summary>
internal sealed record AgentSlot(string NodeId, string Address, int PortRangeStart, int PortRangeEnd);
