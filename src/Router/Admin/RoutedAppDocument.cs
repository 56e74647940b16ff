namespace MiniPaas.Router.Admin;

/// <summary>One app in <c>/routes</c>.</summary>
internal sealed record RoutedAppDocument(
    string App,
    IReadOnlyList<RoutedMatchDocument> Matches,
    string LoadBalancing,
    bool StickySessions,
    IReadOnlyList<RoutedDestinationDocument> Destinations);
