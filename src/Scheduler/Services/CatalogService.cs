namespace MiniPaas.Scheduler.Services;

/// <summary>CatalogService is one service offering of a broker's OSB catalog.</summary>
internal sealed record CatalogService(
    string Id, string Name, string Description, IReadOnlyList<string> Tags, bool Bindable, IReadOnlyList<CatalogPlan> Plans);
