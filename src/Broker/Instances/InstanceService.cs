using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using MiniPaas.Broker.Api;
using MiniPaas.Broker.Backends;
using MiniPaas.Broker.Catalog;
using MiniPaas.Broker.Store;

namespace MiniPaas.Broker.Instances;

/// <summary>
/// The service instance state machine: provision, update and deprovision as the OSB API specifies them
/// (sync plans answer 201/200 when done; async plans answer 202 and are polled through last_operation).
/// State transitions happen under the instance's lock and are stored before any backend work starts, so a
/// crash leaves an operation <c>in progress</c> that <see cref="ResumeInterruptedAsync"/> completes.
/// </summary>
internal sealed class InstanceService
{
    private readonly BrokerCatalog _catalog;
    private readonly BrokerStore _store;
    private readonly InstanceLocks _locks;
    private readonly OperationRunner _runner;
    private readonly IReadOnlyDictionary<ServiceKind, IServiceBackend> _backends;
    private readonly TimeProvider _time;
    private readonly TimeSpan _asyncDelay;
    private readonly ILogger<InstanceService> _logger;

    public InstanceService(
        BrokerCatalog catalog,
        BrokerStore store,
        InstanceLocks locks,
        OperationRunner runner,
        IEnumerable<IServiceBackend> backends,
        IOptions<BrokerOptions> options,
        TimeProvider time,
        ILogger<InstanceService> logger)
    {
        _catalog = catalog;
        _store = store;
        _locks = locks;
        _runner = runner;
        _backends = backends.ToDictionary(b => b.Kind);
        _time = time;
        _asyncDelay = options.Value.AsyncProvisionDelay;
        _logger = logger;
    }

    public async Task<OsbResponse> ProvisionAsync(string instanceId, ProvisionRequest request, bool acceptsIncomplete, CancellationToken cancellationToken)
    {
        var service = CatalogRules.Service(_catalog, request.ServiceId);
        var plan = CatalogRules.Plan(service, request.PlanId);
        CatalogRules.NoParameters(service, plan, request.Parameters);
        if (request.MaintenanceVersion is { } version && version != plan.MaintenanceVersion)
        {
            return MaintenanceConflict(plan, version);
        }

        Task work;
        string operationId;
        using (await _locks.AcquireAsync(instanceId, cancellationToken))
        {
            var existing = _store.GetInstance(instanceId);
            if (existing is not null)
            {
                if (!SameAttributes(existing, request))
                {
                    return OsbResponse.Conflict($"Service instance {instanceId} already exists with different attributes (service, plan, parameters, organization or space).");
                }

                if (existing.OperationInProgress && existing.OperationType == OperationType.Delete)
                {
                    return OsbResponse.ConcurrencyError($"Service instance {instanceId} is being deprovisioned.");
                }

                if (existing.OperationInProgress && existing.OperationType == OperationType.Create)
                {
                    // A re-sent PUT for an instance still being created gets the original operation back.
                    if (!plan.RequiresAsync)
                    {
                        return OsbResponse.ConcurrencyError($"Service instance {instanceId} is still being provisioned.");
                    }

                    return acceptsIncomplete
                        ? OsbResponse.Accepted(existing.OperationId)
                        : OsbResponse.AsyncRequired($"Plan {service.Name}/{plan.Name} is provisioned asynchronously; send accepts_incomplete=true.");
                }

                if (existing.Usable)
                {
                    return OsbResponse.Ok();
                }

                // A create that failed leaves a record for orphan mitigation; the same PUT again simply tries again.
            }

            if (plan.RequiresAsync && !acceptsIncomplete)
            {
                return OsbResponse.AsyncRequired($"Plan {service.Name}/{plan.Name} is provisioned asynchronously; send accepts_incomplete=true.");
            }

            var now = _time.GetUtcNow();
            operationId = NewOperationId(OperationType.Create);
            var record = new InstanceRecord(
                instanceId, service.Id, plan.Id, request.ParametersJson, request.ContextJson, request.OrganizationGuid, request.SpaceGuid,
                Usable: false, operationId, OperationType.Create, OperationState.InProgress, $"Provisioning {service.Name}/{plan.Name}.",
                TargetPlanId: null, existing?.CreatedAt ?? now, now);
            _store.SaveInstance(record);
            BrokerLog.OperationStarted(_logger, instanceId, operationId, OperationType.Create.ToString(), plan.RequiresAsync);
            work = _runner.Start(instanceId, operationId, supersede: false,
                token => RunCreateAsync(record, service, plan, delayFirst: plan.RequiresAsync, undoOnFailure: !plan.RequiresAsync, token));
        }

        return plan.RequiresAsync ? OsbResponse.Accepted(operationId) : await AwaitSynchronousAsync(work, "Provisioning", OsbResponse.Created());
    }

    public async Task<OsbResponse> UpdateAsync(string instanceId, UpdateRequest request, bool acceptsIncomplete, CancellationToken cancellationToken)
    {
        var service = CatalogRules.Service(_catalog, request.ServiceId);
        var requestedPlan = request.PlanId is { } planId ? CatalogRules.Plan(service, planId) : null;

        Task work;
        string operationId;
        bool asynchronous;
        using (await _locks.AcquireAsync(instanceId, cancellationToken))
        {
            var existing = _store.GetInstance(instanceId);
            if (existing is null)
            {
                return OsbResponse.NotFound($"Service instance {instanceId} does not exist.");
            }

            if (existing.ServiceId != service.Id)
            {
                return OsbResponse.BadRequest($"service_id {service.Id} is not the service of instance {instanceId} ({existing.ServiceId}).");
            }

            if (existing.OperationInProgress)
            {
                if (existing.OperationType == OperationType.Update && requestedPlan?.Id == existing.TargetPlanId && acceptsIncomplete)
                {
                    return OsbResponse.Accepted(existing.OperationId);
                }

                return OsbResponse.ConcurrencyError($"Another operation ({existing.OperationType.ToString().ToLowerInvariant()}) for service instance {instanceId} is in progress.");
            }

            if (!existing.Usable)
            {
                return OsbResponse.Error(StatusCodes.Status422UnprocessableEntity, OsbErrorCodes.InstanceNotUsable,
                    $"Service instance {instanceId} failed to provision ({existing.OperationDescription}); deprovision it or provision it again.");
            }

            var current = service.FindPlan(existing.PlanId) ?? throw new InvalidOperationException($"Instance {instanceId} has plan {existing.PlanId}, which the catalog no longer has.");
            var target = requestedPlan ?? current;
            CatalogRules.NoParameters(service, target, request.Parameters);
            if (request.MaintenanceVersion is { } version && version != target.MaintenanceVersion)
            {
                return MaintenanceConflict(target, version);
            }

            if (target.Id == current.Id)
            {
                if (request.ContextJson is not null && request.ContextJson != existing.ContextJson)
                {
                    _store.SaveInstance(existing with { ContextJson = request.ContextJson, UpdatedAt = _time.GetUtcNow() });
                }

                return OsbResponse.Ok();
            }

            if (!current.PlanUpdateable || !target.PlanUpdateable)
            {
                return OsbResponse.Error(StatusCodes.Status422UnprocessableEntity, OsbErrorCodes.PlanChangeNotSupported,
                    $"Plan {service.Name}/{current.Name} cannot be changed to {target.Name}.");
            }

            asynchronous = current.RequiresAsync || target.RequiresAsync;
            if (asynchronous && !acceptsIncomplete)
            {
                return OsbResponse.AsyncRequired($"Changing plan {service.Name}/{current.Name} to {target.Name} runs asynchronously; send accepts_incomplete=true.");
            }

            operationId = NewOperationId(OperationType.Update);
            var record = existing with
            {
                ContextJson = request.ContextJson ?? existing.ContextJson,
                OperationId = operationId,
                OperationType = OperationType.Update,
                OperationState = OperationState.InProgress,
                OperationDescription = $"Changing plan {current.Name} to {target.Name}.",
                TargetPlanId = target.Id,
                UpdatedAt = _time.GetUtcNow(),
            };
            _store.SaveInstance(record);
            BrokerLog.OperationStarted(_logger, instanceId, operationId, OperationType.Update.ToString(), asynchronous);
            work = _runner.Start(instanceId, operationId, supersede: false, token => RunUpdateAsync(record, service, target, delayFirst: asynchronous, token));
        }

        return asynchronous ? OsbResponse.Accepted(operationId) : await AwaitSynchronousAsync(work, "Changing the plan", OsbResponse.Ok());
    }

    public async Task<OsbResponse> DeprovisionAsync(string instanceId, string serviceId, string planId, bool acceptsIncomplete, CancellationToken cancellationToken)
    {
        var service = CatalogRules.Service(_catalog, serviceId);
        CatalogRules.Plan(service, planId);

        Task work;
        string operationId;
        bool asynchronous;
        using (await _locks.AcquireAsync(instanceId, cancellationToken))
        {
            var existing = _store.GetInstance(instanceId);
            if (existing is null)
            {
                return OsbResponse.Gone($"Service instance {instanceId} does not exist.");
            }

            if (existing.ServiceId != serviceId)
            {
                return OsbResponse.BadRequest($"service_id {serviceId} is not the service of instance {instanceId} ({existing.ServiceId}).");
            }

            if (planId != existing.PlanId && planId != existing.TargetPlanId)
            {
                return OsbResponse.BadRequest($"plan_id {planId} is not the plan of instance {instanceId} ({existing.PlanId}).");
            }

            var current = service.FindPlan(existing.PlanId) ?? throw new InvalidOperationException($"Instance {instanceId} has plan {existing.PlanId}, which the catalog no longer has.");
            asynchronous = current.RequiresAsync;
            if (existing.OperationInProgress && existing.OperationType == OperationType.Delete)
            {
                return asynchronous && acceptsIncomplete
                    ? OsbResponse.Accepted(existing.OperationId)
                    : OsbResponse.ConcurrencyError($"Service instance {instanceId} is already being deprovisioned.");
            }

            if (existing.OperationInProgress && existing.OperationType == OperationType.Update)
            {
                return OsbResponse.ConcurrencyError($"Service instance {instanceId} is being updated; deprovision it when the update has finished.");
            }

            if (asynchronous && !acceptsIncomplete)
            {
                return OsbResponse.AsyncRequired($"Plan {service.Name}/{current.Name} is deprovisioned asynchronously; send accepts_incomplete=true.");
            }

            // Deprovisioning during a create halts the create (the spec requires it) and then removes whatever it made.
            var supersede = existing.OperationInProgress && existing.OperationType == OperationType.Create;
            operationId = NewOperationId(OperationType.Delete);
            var record = existing with
            {
                Usable = false,
                OperationId = operationId,
                OperationType = OperationType.Delete,
                OperationState = OperationState.InProgress,
                OperationDescription = $"Deprovisioning {service.Name}/{current.Name}.",
                TargetPlanId = null,
                UpdatedAt = _time.GetUtcNow(),
            };
            _store.SaveInstance(record);
            BrokerLog.OperationStarted(_logger, instanceId, operationId, OperationType.Delete.ToString(), asynchronous);
            work = _runner.Start(instanceId, operationId, supersede, token => RunDeleteAsync(record, service, delayFirst: asynchronous, token));
        }

        return asynchronous ? OsbResponse.Accepted(operationId) : await AwaitSynchronousAsync(work, "Deprovisioning", OsbResponse.Ok());
    }

    public OsbResponse Get(string instanceId)
    {
        var existing = _store.GetInstance(instanceId);
        if (existing is { OperationInProgress: true, OperationType: OperationType.Update })
        {
            return OsbResponse.ConcurrencyError($"Service instance {instanceId} is being updated.");
        }

        if (existing is null || !existing.Usable)
        {
            return OsbResponse.NotFound($"Service instance {instanceId} does not exist or is not provisioned (yet).");
        }

        var plan = _catalog.FindService(existing.ServiceId)?.FindPlan(existing.PlanId);
        var body = new JsonObject
        {
            ["service_id"] = existing.ServiceId,
            ["plan_id"] = existing.PlanId,
            ["parameters"] = JsonNode.Parse(existing.ParametersJson),
        };
        if (plan is not null)
        {
            body["maintenance_info"] = new JsonObject { ["version"] = plan.MaintenanceVersion };
        }

        return OsbResponse.Ok(body);
    }

    public OsbResponse LastOperation(string instanceId, string? operation)
    {
        var existing = _store.GetInstance(instanceId);
        if (existing is null)
        {
            // What a platform polling a deprovision sees once it has finished: gone is success.
            return OsbResponse.Gone($"Service instance {instanceId} does not exist (any more).");
        }

        if (operation is not null && operation != existing.OperationId)
        {
            return OsbResponse.BadRequest($"operation {operation} is not the last operation of service instance {instanceId}.");
        }

        return OsbResponse.Ok(new JsonObject
        {
            ["state"] = existing.OperationState switch
            {
                OperationState.InProgress => "in progress",
                OperationState.Succeeded => "succeeded",
                _ => "failed",
            },
            ["description"] = existing.OperationDescription,
        });
    }

    /// <summary>Restarts the backend work of operations a previous run left in progress (it crashed or was stopped mid-way).</summary>
    public async Task ResumeInterruptedAsync(CancellationToken cancellationToken)
    {
        foreach (var interrupted in _store.ListInstances().Where(i => i.OperationInProgress))
        {
            using (await _locks.AcquireAsync(interrupted.InstanceId, cancellationToken))
            {
                var record = _store.GetInstance(interrupted.InstanceId);
                if (record is not { OperationInProgress: true })
                {
                    continue;
                }

                var service = _catalog.FindService(record.ServiceId);
                var plan = service?.FindPlan(record.OperationType == OperationType.Update ? record.TargetPlanId ?? record.PlanId : record.PlanId);
                if (service is null || plan is null)
                {
                    _store.SaveInstance(record with
                    {
                        OperationState = OperationState.Failed,
                        OperationDescription = $"The catalog no longer has service {record.ServiceId} plan {record.PlanId}.",
                        UpdatedAt = _time.GetUtcNow(),
                    });
                    continue;
                }

                BrokerLog.OperationResumed(_logger, record.InstanceId, record.OperationId, record.OperationType.ToString());
                Func<CancellationToken, Task> work = record.OperationType switch
                {
                    OperationType.Create => token => RunCreateAsync(record, service, plan, delayFirst: false, undoOnFailure: false, token),
                    OperationType.Update => token => RunUpdateAsync(record, service, plan, delayFirst: false, token),
                    _ => token => RunDeleteAsync(record, service, delayFirst: false, token),
                };
                _ = _runner.Start(record.InstanceId, record.OperationId, supersede: false, work);
            }
        }
    }

    private async Task RunCreateAsync(InstanceRecord record, ServiceOffering service, ServicePlan plan, bool delayFirst, bool undoOnFailure, CancellationToken cancellationToken)
    {
        var backend = _backends[service.Kind];
        try
        {
            if (delayFirst)
            {
                await Task.Delay(_asyncDelay, _time, cancellationToken);
            }

            await backend.ProvisionAsync(record.InstanceId, plan, cancellationToken);
            await CompleteAsync(record, r => r with
            {
                Usable = true,
                OperationState = OperationState.Succeeded,
                OperationDescription = $"Provisioned {service.Name}/{plan.Name}.",
            });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (undoOnFailure)
            {
                // The platform gets a 5xx, which should leave nothing behind: remove what was made and the record.
                await UndoCreateAsync(record, backend);
            }
            else
            {
                await CompleteAsync(record, r => r with { OperationState = OperationState.Failed, OperationDescription = $"Provisioning failed: {ex.Message}" });
            }

            throw;
        }
    }

    private async Task UndoCreateAsync(InstanceRecord record, IServiceBackend backend)
    {
        try
        {
            await backend.DeprovisionAsync(record.InstanceId, [], CancellationToken.None);
            using (await _locks.AcquireAsync(record.InstanceId, CancellationToken.None))
            {
                if (_store.GetInstance(record.InstanceId)?.OperationId == record.OperationId)
                {
                    _store.DeleteInstance(record.InstanceId);
                }
            }
        }
        catch (Exception cleanup)
        {
            BrokerLog.UndoFailed(_logger, cleanup, record.InstanceId, record.OperationId);
            await CompleteAsync(record, r => r with { OperationState = OperationState.Failed, OperationDescription = $"Provisioning failed and was not fully undone: {cleanup.Message}" });
        }
    }

    private async Task RunUpdateAsync(InstanceRecord record, ServiceOffering service, ServicePlan target, bool delayFirst, CancellationToken cancellationToken)
    {
        try
        {
            if (delayFirst)
            {
                await Task.Delay(_asyncDelay, _time, cancellationToken);
            }

            await _backends[service.Kind].ChangePlanAsync(record.InstanceId, target, cancellationToken);
            await CompleteAsync(record, r => r with
            {
                PlanId = target.Id,
                TargetPlanId = null,
                OperationState = OperationState.Succeeded,
                OperationDescription = $"Plan changed to {target.Name}.",
            });
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The instance keeps its plan and stays usable; only the operation failed.
            await CompleteAsync(record, r => r with
            {
                TargetPlanId = null,
                OperationState = OperationState.Failed,
                OperationDescription = $"Changing the plan to {target.Name} failed: {ex.Message}",
            });
            throw;
        }
    }

    private async Task RunDeleteAsync(InstanceRecord record, ServiceOffering service, bool delayFirst, CancellationToken cancellationToken)
    {
        try
        {
            if (delayFirst)
            {
                await Task.Delay(_asyncDelay, _time, cancellationToken);
            }

            var bindingIds = _store.ListBindings(record.InstanceId).Select(b => b.BindingId).ToList();
            await _backends[service.Kind].DeprovisionAsync(record.InstanceId, bindingIds, cancellationToken);
            using (await _locks.AcquireAsync(record.InstanceId, CancellationToken.None))
            {
                if (_store.GetInstance(record.InstanceId)?.OperationId == record.OperationId)
                {
                    _store.DeleteInstance(record.InstanceId);
                    BrokerLog.InstanceDeleted(_logger, record.InstanceId, record.OperationId);
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await CompleteAsync(record, r => r with { OperationState = OperationState.Failed, OperationDescription = $"Deprovisioning failed: {ex.Message}" });
            throw;
        }
    }

    /// <summary>Records the end of an operation, unless a later operation has superseded it meanwhile.</summary>
    private async Task CompleteAsync(InstanceRecord started, Func<InstanceRecord, InstanceRecord> finish)
    {
        using (await _locks.AcquireAsync(started.InstanceId, CancellationToken.None))
        {
            var current = _store.GetInstance(started.InstanceId);
            if (current?.OperationId != started.OperationId)
            {
                return;
            }

            var finished = finish(current) with { UpdatedAt = _time.GetUtcNow() };
            _store.SaveInstance(finished);
            BrokerLog.OperationFinished(_logger, started.InstanceId, started.OperationId, finished.OperationState.ToString(), finished.OperationDescription ?? string.Empty);
        }
    }

    private static async Task<OsbResponse> AwaitSynchronousAsync(Task work, string what, OsbResponse success)
    {
        try
        {
            await work;
            return success;
        }
        catch (OperationCanceledException)
        {
            return OsbResponse.Error(StatusCodes.Status503ServiceUnavailable, OsbErrorCodes.BackendFailure,
                $"{what} was interrupted because the broker is stopping; it resumes when the broker starts again.");
        }
        catch (Exception ex)
        {
            return OsbResponse.Error(StatusCodes.Status500InternalServerError, OsbErrorCodes.BackendFailure, $"{what} failed: {ex.Message}");
        }
    }

    private static bool SameAttributes(InstanceRecord existing, ProvisionRequest request) =>
        existing.ServiceId == request.ServiceId
        && existing.PlanId == request.PlanId
        && existing.ParametersJson == request.ParametersJson
        && existing.OrganizationGuid == request.OrganizationGuid
        && existing.SpaceGuid == request.SpaceGuid;

    private static OsbResponse MaintenanceConflict(ServicePlan plan, string requested) =>
        OsbResponse.Error(StatusCodes.Status422UnprocessableEntity, OsbErrorCodes.MaintenanceInfoConflict,
            $"maintenance_info.version {requested} does not match plan {plan.Name}'s {plan.MaintenanceVersion}; fetch the catalog again.");

    private static string NewOperationId(OperationType type) => $"{type.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}";
}
