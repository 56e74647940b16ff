namespace MiniPaas.Broker.Catalog;

/// <summary>
/// One plan of a <see cref="ServiceOffering"/>. With <c>RequiresAsync</c>, provision, update into or out of the
/// plan and deprovision run in the background and answer 202; a request without <c>accepts_incomplete=true</c>
/// is refused with 422 <c>AsyncRequired</c>. <c>ConnectionLimit</c> is the database's connection limit for
/// PostgreSQL plans, <c>null</c> elsewhere.
/// </summary>
internal sealed record ServicePlan(
    string Id,
    string Name,
    string Description,
    bool RequiresAsync,
    bool PlanUpdateable,
    string MaintenanceVersion,
    int? ConnectionLimit);
