namespace MiniPaas.Router.Admin;

/// <summary>One (host, path prefix) an app is reachable at.</summary>
internal sealed record RoutedMatchDocument(string Host, string PathPrefix);
