namespace MiniPaas.Broker.Catalog;

/// <summary>One service offering of the catalog and the backend behind it.</summary>
internal sealed record ServiceOffering(
    string Id,
    string Name,
    string Description,
    ServiceKind Kind,
    IReadOnlyList<string> Tags,
    IReadOnlyList<ServicePlan> Plans)
{
    public ServicePlan? FindPlan(string planId) => Plans.FirstOrDefault(p => p.Id == planId);
}
