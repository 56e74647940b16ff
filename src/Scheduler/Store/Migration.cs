namespace MiniPaas.Scheduler.Store;

/// <summary>Migration is one numbered schema change, applied once in its own transaction.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
