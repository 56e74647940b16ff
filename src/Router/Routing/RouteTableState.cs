using MiniPaas.Contracts.V1;

namespace MiniPaas.Router.Routing;

/// <summary>The route table in effect, with the index requests are looked up in.</summary>
/// <param name="Table">The table as the scheduler sent it.</param>
/// <param name="Translated">Its YARP translation and host index.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="AppliedAt">When it took effect.</param>
internal sealed record RouteTableState(RouteTable Table, TranslatedRouteTable Translated, RouteTableSource Source, DateTimeOffset AppliedAt)
{
    /// <summary>The state before any table arrived.</summary>
    public static RouteTableState Empty { get; } = new(
        new RouteTable(),
        new TranslatedRouteTable(0, [], [], HostRouteIndex.Empty, [], 0),
        RouteTableSource.None,
        DateTimeOffset.MinValue);

    /// <summary>The host/path index of this table.</summary>
    public HostRouteIndex Index => Translated.Index;
}
