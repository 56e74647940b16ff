using MiniPaas.Contracts.V1;

namespace MiniPaas.Scheduler.Routes;

/// <summary>
/// RouteTableSnapshot is one published version of the route table. <see cref="CausedAt"/> is the
/// <see cref="System.Diagnostics.Stopwatch"/> timestamp of what changed it (e.g. the agent report
/// arriving), so delivery can be logged with the time from cause to router.
/// </summary>
/// <param name="Version">The table's version; stored, so it keeps increasing across restarts.</param>
/// <param name="Table">The complete table with <see cref="RouteTable.Version"/> set; never mutated once published.</param>
/// <param name="Cause">What produced this version, for logs ("report from node-1", "route mapped", ...).</param>
/// <param name="CausedAt">Stopwatch timestamp of the cause.</param>
internal sealed record RouteTableSnapshot(long Version, RouteTable Table, string Cause, long CausedAt)
{
    public int DestinationCount => Table.Apps.Sum(a => a.Destinations.Count);
}
