namespace MiniPaas.Router.Admin;

/// <summary>The <c>/routes</c> answer: the table in effect and how the router sees each instance.</summary>
internal sealed record RoutesDocument(
    long Version,
    string Source,
    DateTimeOffset? AppliedAt,
    bool SchedulerConnected,
    IReadOnlyList<RoutedAppDocument> Apps,
    IReadOnlyList<string> Problems);
