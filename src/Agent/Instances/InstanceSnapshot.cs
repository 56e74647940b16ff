namespace MiniPaas.Agent.Instances;

/// <summary>What the planner needs to know about one instance the agent holds.</summary>
internal sealed record InstanceSnapshot(string InstanceId, int RestartGeneration, string Image, bool BeingRemoved);
