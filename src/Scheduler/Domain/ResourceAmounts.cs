namespace MiniPaas.Scheduler.Domain;

/// <summary>ResourceAmounts is a node's capacity or what is reserved/used of it.</summary>
/// <param name="MemoryMb">Memory in MB.</param>
/// <param name="DiskMb">Disk in MB.</param>
/// <param name="Instances">Instance slots; for a capacity 0 means "no limit on the count".</param>
internal readonly record struct ResourceAmounts(long MemoryMb, long DiskMb, int Instances);
