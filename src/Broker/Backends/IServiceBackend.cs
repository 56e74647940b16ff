using MiniPaas.Broker.Catalog;

namespace MiniPaas.Broker.Backends;

/// <summary>
/// Creates and removes the real resources behind one kind of service. Every method is idempotent (a repeat after
/// a crash or a retry finds its own earlier work and completes it), because the broker re-runs interrupted
/// operations at start-up.
/// </summary>
internal interface IServiceBackend
{
    ServiceKind Kind { get; }

    Task ProvisionAsync(string instanceId, ServicePlan plan, CancellationToken cancellationToken);

    Task ChangePlanAsync(string instanceId, ServicePlan plan, CancellationToken cancellationToken);

    /// <summary>Removes the instance's resources, including any binding users still left on it.</summary>
    Task DeprovisionAsync(string instanceId, IReadOnlyList<string> bindingIds, CancellationToken cancellationToken);

    Task<BindingResult> BindAsync(string instanceId, string bindingId, CancellationToken cancellationToken);

    Task UnbindAsync(string instanceId, string bindingId, CancellationToken cancellationToken);
}
