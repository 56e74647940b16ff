namespace MiniPaas.Scheduler.Placement;

/// <summary>PlacedInstance is an instance already on a node; placement uses it to spread an app.</summary>
internal readonly record struct PlacedInstance(string NodeId, string App);
