namespace MiniPaas.Scheduler.Assignments;

/// <summary>NodeAssignmentSet is a node's complete desired set; a higher generation replaces a lower one.</summary>
internal sealed record NodeAssignmentSet(string NodeId, long Generation, IReadOnlyList<NodeAssignment> Assignments);
