namespace MiniPaas.Router.Admin;

/// <summary>One instance in <c>/routes</c>; <c>Health</c> is the router's passive view ("Unknown" until it fails).</summary>
internal sealed record RoutedDestinationDocument(string InstanceId, int Index, string Address, string Health, int ConcurrentRequests);
