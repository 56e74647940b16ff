namespace MiniPaas.Router.Admin;

/// <summary>The <c>/healthz</c> answer.</summary>
internal sealed record HealthDocument(string Status, long RouteTableVersion, string RouteTableSource, bool SchedulerConnected);
