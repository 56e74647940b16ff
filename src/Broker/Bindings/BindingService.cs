using System.Text.Json.Nodes;
using MiniPaas.Broker.Api;
using MiniPaas.Broker.Backends;
using MiniPaas.Broker.Catalog;
using MiniPaas.Broker.Instances;
using MiniPaas.Broker.Store;

namespace MiniPaas.Broker.Bindings;

/// <summary>
/// Bind and unbind, synchronously: each binding gets its own backend user and password, returned once at
/// creation and again from GET (stored encrypted). Bindings change under the instance's lock, so they never
/// race a deprovision of the same instance.
/// </summary>
internal sealed class BindingService
{
    private readonly BrokerCatalog _catalog;
    private readonly BrokerStore _store;
    private readonly InstanceLocks _locks;
    private readonly IReadOnlyDictionary<ServiceKind, IServiceBackend> _backends;
    private readonly TimeProvider _time;
    private readonly ILogger<BindingService> _logger;

    public BindingService(BrokerCatalog catalog, BrokerStore store, InstanceLocks locks, IEnumerable<IServiceBackend> backends, TimeProvider time, ILogger<BindingService> logger)
    {
        _catalog = catalog;
        _store = store;
        _locks = locks;
        _backends = backends.ToDictionary(b => b.Kind);
        _time = time;
        _logger = logger;
    }

    public async Task<OsbResponse> CreateBindingAsync(string instanceId, string bindingId, BindRequest request, CancellationToken cancellationToken)
    {
        var service = CatalogRules.Service(_catalog, request.ServiceId);
        var plan = CatalogRules.Plan(service, request.PlanId);
        CatalogRules.NoParameters(service, plan, request.Parameters);

        using (await _locks.AcquireAsync(instanceId, cancellationToken))
        {
            var instance = _store.GetInstance(instanceId);
            if (instance is null)
            {
                return OsbResponse.NotFound($"Service instance {instanceId} does not exist.");
            }

            if (instance.ServiceId != service.Id || (instance.PlanId != plan.Id && instance.TargetPlanId != plan.Id))
            {
                return OsbResponse.BadRequest($"service_id and plan_id must be those of instance {instanceId} (service {instance.ServiceId}, plan {instance.PlanId}).");
            }

            if (instance is { OperationInProgress: true, OperationType: OperationType.Create or OperationType.Delete })
            {
                return OsbResponse.ConcurrencyError($"Service instance {instanceId} is being {(instance.OperationType == OperationType.Create ? "provisioned" : "deprovisioned")}.");
            }

            if (!instance.Usable)
            {
                return OsbResponse.Error(StatusCodes.Status422UnprocessableEntity, OsbErrorCodes.InstanceNotUsable,
                    $"Service instance {instanceId} failed to provision ({instance.OperationDescription}); it cannot be bound.");
            }

            var existing = _store.GetBinding(instanceId, bindingId);
            if (existing is { State: BindingState.Ready })
            {
                var identical = existing.ServiceId == request.ServiceId
                    && existing.PlanId == request.PlanId
                    && existing.ParametersJson == request.ParametersJson
                    && existing.AppGuid == request.AppGuid;
                return identical
                    ? OsbResponse.Ok(JsonNode.Parse(existing.CredentialsJson!)!.AsObject())
                    : OsbResponse.Conflict($"Service binding {bindingId} already exists with different attributes (service, plan, parameters or app_guid).");
            }

            var binding = new BindingRecord(instanceId, bindingId, request.ServiceId, request.PlanId, request.ParametersJson, request.AppGuid,
                BindingState.Creating, CredentialsJson: null, _time.GetUtcNow());
            _store.SaveBinding(binding);

            var backend = _backends[service.Kind];
            BindingResult result;
            try
            {
                // Not the request's token: a client that hangs up must not leave a half-made user behind.
                result = await backend.BindAsync(instanceId, bindingId, CancellationToken.None);
            }
            catch (Exception ex)
            {
                BrokerLog.BindFailed(_logger, ex, instanceId, bindingId);
                await UndoBindAsync(backend, binding);
                return OsbResponse.Error(StatusCodes.Status500InternalServerError, OsbErrorCodes.BackendFailure, $"Creating the binding failed: {ex.Message}");
            }

            var body = new JsonObject
            {
                ["credentials"] = result.Credentials,
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["host"] = result.Host,
                    ["ports"] = new JsonArray(result.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ["protocol"] = "tcp",
                }),
            };
            _store.SaveBinding(binding with { State = BindingState.Ready, CredentialsJson = body.ToJsonString() });
            return OsbResponse.Created(body);
        }
    }

    public async Task<OsbResponse> DeleteBindingAsync(string instanceId, string bindingId, string serviceId, string planId, CancellationToken cancellationToken)
    {
        var service = CatalogRules.Service(_catalog, serviceId);
        CatalogRules.Plan(service, planId);

        using (await _locks.AcquireAsync(instanceId, cancellationToken))
        {
            var binding = _store.GetBinding(instanceId, bindingId);
            if (binding is null)
            {
                return OsbResponse.Gone($"Service binding {bindingId} of instance {instanceId} does not exist.");
            }

            var instance = _store.GetInstance(instanceId);
            if (binding.ServiceId != serviceId || (binding.PlanId != planId && instance?.PlanId != planId))
            {
                return OsbResponse.BadRequest($"service_id and plan_id must be those of binding {bindingId} (service {binding.ServiceId}, plan {binding.PlanId}).");
            }

            if (instance is { OperationInProgress: true, OperationType: OperationType.Delete })
            {
                return OsbResponse.ConcurrencyError($"Service instance {instanceId} is being deprovisioned, which removes its bindings.");
            }

            try
            {
                await _backends[service.Kind].UnbindAsync(instanceId, bindingId, CancellationToken.None);
            }
            catch (Exception ex)
            {
                BrokerLog.UnbindFailed(_logger, ex, instanceId, bindingId);
                return OsbResponse.Error(StatusCodes.Status500InternalServerError, OsbErrorCodes.BackendFailure, $"Removing the binding failed: {ex.Message}");
            }

            _store.DeleteBinding(instanceId, bindingId);
            return OsbResponse.Ok();
        }
    }

    public OsbResponse Get(string instanceId, string bindingId)
    {
        var binding = _store.GetBinding(instanceId, bindingId);
        if (binding is not { State: BindingState.Ready })
        {
            return OsbResponse.NotFound($"Service binding {bindingId} of instance {instanceId} does not exist.");
        }

        var body = JsonNode.Parse(binding.CredentialsJson!)!.AsObject();
        body["parameters"] = JsonNode.Parse(binding.ParametersJson);
        return OsbResponse.Ok(body);
    }

    /// <summary>Bindings are created synchronously, so one that exists has succeeded.</summary>
    public OsbResponse LastOperation(string instanceId, string bindingId)
    {
        var binding = _store.GetBinding(instanceId, bindingId);
        return binding is { State: BindingState.Ready }
            ? OsbResponse.Ok(new JsonObject { ["state"] = "succeeded", ["description"] = "Binding created." })
            : OsbResponse.Gone($"Service binding {bindingId} of instance {instanceId} does not exist.");
    }

    /// <summary>
    /// Removes bindings a crash left half-made (recorded as creating; their credentials never reached the platform).
    /// </summary>
    public async Task CleanUpInterruptedAsync(CancellationToken cancellationToken)
    {
        foreach (var binding in _store.ListBindings().Where(b => b.State == BindingState.Creating))
        {
            using (await _locks.AcquireAsync(binding.InstanceId, cancellationToken))
            {
                var service = _catalog.FindService(binding.ServiceId);
                if (service is not null)
                {
                    await UndoBindAsync(_backends[service.Kind], binding);
                }
            }
        }
    }

    private async Task UndoBindAsync(IServiceBackend backend, BindingRecord binding)
    {
        try
        {
            await backend.UnbindAsync(binding.InstanceId, binding.BindingId, CancellationToken.None);
            _store.DeleteBinding(binding.InstanceId, binding.BindingId);
        }
        catch (Exception ex)
        {
            // The record stays as creating, so the next start tries again.
            BrokerLog.UndoBindFailed(_logger, ex, binding.InstanceId, binding.BindingId);
        }
    }
}
