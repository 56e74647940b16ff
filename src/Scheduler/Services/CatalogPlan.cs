namespace MiniPaas.Scheduler.Services;

/// <summary>CatalogPlan is one plan of a catalog service; <see cref="Bindable"/> is the plan's own or the service's.</summary>
internal sealed record CatalogPlan(string Id, string Name, string Description, bool Free, bool Bindable);
