using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Services;

/// <summary>
/// ServicesApi implements <c>minipaas.v1.Services</c>: it registers OSB brokers, provisions
/// instances through them and binds instances to apps. A bind or unbind starts a new deployment
/// of the app (as a rolling restart does) whose instances get the new services environment.
/// Broker calls happen outside store transactions; the store is changed only once the broker
/// has agreed, so a failed broker call leaves nothing behind.
/// </summary>
internal sealed class ServicesApi
{
    private readonly SchedulerStore _store;
    private readonly ServiceSecrets _secrets;
    private readonly ServiceEnvironmentReader _environments;
    private readonly OsbClient _osb;
    private readonly ReconciliationService _reconciliation;
    private readonly ServicesOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ServicesApi> _logger;

    public ServicesApi(
        SchedulerStore store,
        ServiceSecrets secrets,
        ServiceEnvironmentReader environments,
        OsbClient osb,
        ReconciliationService reconciliation,
        IOptions<ServicesOptions> options,
        TimeProvider time,
        ILogger<ServicesApi> logger)
    {
        _store = store;
        _secrets = secrets;
        _environments = environments;
        _osb = osb;
        _reconciliation = reconciliation;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    // ---- brokers ----

    public async Task<ServiceBrokerSummary> CreateServiceBroker(CreateServiceBrokerRequest request, ServerCallContext context)
    {
        ServiceNames.Require(request.Name, "broker name");
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"broker url '{request.Url}' must be an absolute http:// or https:// url, e.g. http://127.0.0.1:7090");
        }

        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            throw new RpcException(StatusCode.InvalidArgument, "broker username and password are required");
        }

        var normalized = url.GetLeftPart(UriPartial.Path).TrimEnd('/');
        var existing = _store.Read(tx => tx.GetServiceBroker(request.Name));
        if (existing is not null && (existing.Url != normalized || existing.Username != request.Username))
        {
            throw new RpcException(StatusCode.AlreadyExists, $"service broker '{request.Name}' is already registered at {existing.Url} as '{existing.Username}'; delete it first to change its url or username");
        }

        // Reading the catalog proves the url and credentials before anything is stored.
        var endpoint = new BrokerEndpoint(request.Name, new Uri(normalized + "/"), request.Username, request.Password);
        var catalog = await _osb.GetCatalogAsync(endpoint, context.CancellationToken);
        var record = new ServiceBrokerRecord
        {
            Name = request.Name,
            Url = normalized,
            Username = request.Username,
            EncryptedPassword = _secrets.Encrypt(request.Password, BrokerPurpose(request.Name)),
            CreatedAt = existing?.CreatedAt ?? _time.GetUtcNow(),
        };
        _store.Write(tx => tx.UpsertServiceBroker(record));
        SchedulerLog.ServiceBrokerRegistered(_logger, record.Name, record.Url, catalog.Count);
        var summary = ToProto(record);
        summary.Services.AddRange(catalog.Select(s => s.Name));
        return summary;
    }

    public Task<ListServiceBrokersReply> ListServiceBrokers(ListServiceBrokersRequest request, ServerCallContext context)
    {
        var reply = new ListServiceBrokersReply();
        reply.Brokers.AddRange(_store.Read(tx => tx.ListServiceBrokers()).Select(ToProto));
        return Task.FromResult(reply);
    }

    public Task<DeleteServiceBrokerReply> DeleteServiceBroker(DeleteServiceBrokerRequest request, ServerCallContext context)
    {
        ServiceNames.Require(request.Name, "broker name");
        _store.Write(tx =>
        {
            if (tx.GetServiceBroker(request.Name) is null)
            {
                throw new RpcException(StatusCode.NotFound, $"service broker '{request.Name}' not found");
            }

            var instances = tx.ListServiceInstances().Where(i => i.Broker == request.Name).Select(i => i.Name).ToList();
            if (instances.Count > 0)
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"service broker '{request.Name}' still has service instances: {string.Join(", ", instances)}; delete them first");
            }

            tx.DeleteServiceBroker(request.Name);
        });
        return Task.FromResult(new DeleteServiceBrokerReply());
    }

    public async Task<MarketplaceReply> Marketplace(MarketplaceRequest request, ServerCallContext context)
    {
        var reply = new MarketplaceReply();
        foreach (var (broker, catalog) in await ReadCatalogsAsync(context.CancellationToken))
        {
            foreach (var service in catalog)
            {
                var offering = new MarketplaceService
                {
                    Broker = broker.Name,
                    Name = service.Name,
                    Id = service.Id,
                    Description = service.Description,
                    Bindable = service.Bindable,
                };
                offering.Tags.AddRange(service.Tags);
                offering.Plans.AddRange(service.Plans.Select(p => new MarketplacePlan { Name = p.Name, Id = p.Id, Description = p.Description, Free = p.Free }));
                reply.Services.Add(offering);
            }
        }

        return reply;
    }

    // ---- instances ----

    public async Task CreateService(CreateServiceRequest request, IServerStreamWriter<ServiceProgress> responses, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        ServiceNames.Require(request.Name, "service instance name");
        if (string.IsNullOrEmpty(request.Service) || string.IsNullOrEmpty(request.Plan))
        {
            throw new RpcException(StatusCode.InvalidArgument, "service and plan are required, e.g. create-service postgresql small my-db (see `minipaas marketplace`)");
        }

        if (_store.Read(tx => tx.GetServiceInstance(request.Name)) is not null)
        {
            throw new RpcException(StatusCode.AlreadyExists, $"service instance '{request.Name}' already exists");
        }

        var (broker, service, plan) = await FindPlanAsync(request.Service, request.Plan, cancellationToken);
        var now = _time.GetUtcNow();
        var instance = new ServiceInstanceRecord
        {
            Name = request.Name,
            InstanceId = Guid.NewGuid().ToString(),
            Broker = broker.Name,
            ServiceName = service.Name,
            ServiceId = service.Id,
            PlanName = plan.Name,
            PlanId = plan.Id,
            Tags = service.Tags,
            LastOperation = ServiceOperations.CreateInProgress,
            CreatedAt = now,
            UpdatedAt = now,
        };

        // Reserve the name first, so two concurrent creates of one name cannot both reach the broker.
        _store.Write(tx =>
        {
            if (tx.GetServiceInstance(request.Name) is not null)
            {
                throw new RpcException(StatusCode.AlreadyExists, $"service instance '{request.Name}' already exists");
            }

            tx.UpsertServiceInstance(instance);
        });
        await responses.WriteAsync(Progress($"creating service instance {instance.Name} ({service.Name} {plan.Name}) at broker {broker.Name}", instance, []), cancellationToken);

        OsbOperation operation;
        try
        {
            operation = await _osb.ProvisionAsync(broker, instance.InstanceId, service.Id, plan.Id, CancellationToken.None);
        }
        catch (RpcException)
        {
            // The broker refused: nothing exists there, so nothing stays here.
            _store.Write(tx => tx.DeleteServiceInstance(instance.Name));
            throw;
        }

        if (!operation.Accepted)
        {
            instance = Save(instance with { LastOperation = ServiceOperations.CreateSucceeded, Message = "" });
            await responses.WriteAsync(Progress($"service instance {instance.Name} created", instance, []), cancellationToken);
            return;
        }

        instance = Save(instance with { Operation = operation.Operation, Message = "provisioning asynchronously" });
        await responses.WriteAsync(Progress("the broker provisions asynchronously; polling last_operation", instance, []), cancellationToken);
        instance = await PollAsync(instance, broker, async (current, changed) =>
        {
            if (changed)
            {
                var line = current.Message.Length > 0 ? $"{current.LastOperation}: {current.Message}" : current.LastOperation;
                await responses.WriteAsync(Progress(line, current, []), cancellationToken);
            }
        }, cancellationToken);

        if (instance.LastOperation == ServiceOperations.CreateFailed)
        {
            throw new RpcException(StatusCode.Aborted, $"creating service instance '{instance.Name}' failed: {instance.Message} (delete it with `minipaas delete-service {instance.Name}`)");
        }

        if (ServiceOperations.IsInProgress(instance.LastOperation))
        {
            throw new RpcException(StatusCode.DeadlineExceeded, $"service instance '{instance.Name}' is still being created after {_options.OperationTimeout}; follow it with `minipaas service {instance.Name}`");
        }

        await responses.WriteAsync(Progress($"service instance {instance.Name} created", instance, []), cancellationToken);
    }

    public async Task<ListServicesReply> ListServices(ListServicesRequest request, ServerCallContext context)
    {
        var instances = _store.Read(tx => tx.ListServiceInstances());
        foreach (var instance in instances.Where(i => ServiceOperations.IsInProgress(i.LastOperation)))
        {
            await RefreshAsync(instance, context.CancellationToken);
        }

        var reply = new ListServicesReply();
        reply.Services.AddRange(_store.Read(tx => tx.ListServiceInstances().Select(i => Summary(tx, i)).ToList()));
        return reply;
    }

    public async Task<ServiceInstanceSummary> GetService(GetServiceRequest request, ServerCallContext context)
    {
        ServiceNames.Require(request.Name, "service instance name");
        var instance = RequireInstance(request.Name);
        if (ServiceOperations.IsInProgress(instance.LastOperation))
        {
            await RefreshAsync(instance, context.CancellationToken);
        }

        return _store.Read(tx => tx.GetServiceInstance(request.Name) is { } current
            ? Summary(tx, current)
            : throw new RpcException(StatusCode.NotFound, $"service instance '{request.Name}' not found (it was deleted)"));
    }

    public async Task<DeleteServiceReply> DeleteService(DeleteServiceRequest request, ServerCallContext context)
    {
        ServiceNames.Require(request.Name, "service instance name");
        var instance = RequireInstance(request.Name);
        var bound = _store.Read(tx => tx.ListBindingsOfInstance(instance.Name)).Select(b => b.App).ToList();
        if (bound.Count > 0)
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"service instance '{instance.Name}' is bound to {(bound.Count == 1 ? "app" : "apps")} {string.Join(", ", bound)}; unbind first (minipaas unbind-service {(bound.Count == 1 ? bound[0] : "APP")} {instance.Name})");
        }

        var broker = Endpoint(instance.Broker);
        var operation = await _osb.DeprovisionAsync(broker, instance.InstanceId, instance.ServiceId, instance.PlanId, context.CancellationToken);
        if (operation.Accepted)
        {
            instance = Save(instance with { LastOperation = ServiceOperations.DeleteInProgress, Operation = operation.Operation, Message = "deprovisioning asynchronously" });
            instance = await PollAsync(instance, broker, (_, _) => Task.CompletedTask, context.CancellationToken);
            if (instance.LastOperation == ServiceOperations.DeleteFailed)
            {
                throw new RpcException(StatusCode.Aborted, $"deleting service instance '{instance.Name}' failed: {instance.Message}");
            }

            if (ServiceOperations.IsInProgress(instance.LastOperation))
            {
                throw new RpcException(StatusCode.DeadlineExceeded, $"service instance '{instance.Name}' is still being deleted after {_options.OperationTimeout}; follow it with `minipaas service {instance.Name}`");
            }

            return new DeleteServiceReply();
        }

        _store.Write(tx => tx.DeleteServiceInstance(instance.Name));
        SchedulerLog.ServiceInstanceState(_logger, instance.Name, instance.ServiceName, instance.PlanName, "deleted", "");
        return new DeleteServiceReply();
    }

    // ---- bindings ----

    public async Task<ServiceBindingSummary> BindService(BindServiceRequest request, ServerCallContext context)
    {
        ValidateApp(request.App);
        ServiceNames.Require(request.Name, "service instance name");
        var instance = RequireInstance(request.Name);
        if (_store.Read(tx => tx.GetApp(request.App)) is null)
        {
            throw new RpcException(StatusCode.NotFound, $"app '{request.App}' not found");
        }

        if (_store.Read(tx => tx.GetBinding(instance.Name, request.App)) is { } existing)
        {
            // Binding again is a no-op, so scripts can repeat it.
            return BindingSummary(existing, _store.Read(tx => tx.GetApp(request.App)) is { } app ? CurrentEnvNames(app) : []);
        }

        if (instance.LastOperation != ServiceOperations.CreateSucceeded)
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"service instance '{instance.Name}' cannot be bound while its last operation is '{instance.LastOperation}'");
        }

        var broker = Endpoint(instance.Broker);
        var bindingId = Guid.NewGuid().ToString();
        var credentials = await _osb.BindAsync(broker, instance.InstanceId, bindingId, instance.ServiceId, instance.PlanId, request.App, context.CancellationToken);
        var binding = new ServiceBindingRecord
        {
            BindingId = bindingId,
            InstanceName = instance.Name,
            App = request.App,
            EncryptedCredentials = _secrets.Encrypt(credentials.ToJsonString(), BindingPurpose(bindingId)),
            CreatedAt = _time.GetUtcNow(),
        };

        int deployment;
        try
        {
            deployment = _store.Write(tx =>
            {
                tx.InsertBinding(binding);
                return RollApp(tx, request.App, EventKinds.ServiceBound, $"{request.App} bound to service {instance.Name}");
            });
        }
        catch
        {
            // The store refused (e.g. a concurrent bind of the same pair won): take the broker's binding back.
            await _osb.UnbindAsync(broker, instance.InstanceId, bindingId, instance.ServiceId, instance.PlanId, CancellationToken.None);
            throw;
        }

        SchedulerLog.ServiceBound(_logger, request.App, instance.Name, deployment);
        await _reconciliation.ReconcileNowAsync(context.CancellationToken);
        return BindingSummary(binding, _store.Read(tx => tx.GetApp(request.App)) is { } bound ? CurrentEnvNames(bound) : []);
    }

    public async Task<UnbindServiceReply> UnbindService(BindServiceRequest request, ServerCallContext context)
    {
        ValidateApp(request.App);
        ServiceNames.Require(request.Name, "service instance name");
        var instance = RequireInstance(request.Name);
        var binding = _store.Read(tx => tx.GetBinding(instance.Name, request.App))
            ?? throw new RpcException(StatusCode.NotFound, $"app '{request.App}' is not bound to service instance '{instance.Name}'");
        await _osb.UnbindAsync(Endpoint(instance.Broker), instance.InstanceId, binding.BindingId, instance.ServiceId, instance.PlanId, context.CancellationToken);
        _store.Write(tx =>
        {
            tx.DeleteBinding(binding.BindingId);
            RollApp(tx, request.App, EventKinds.ServiceUnbound, $"{request.App} unbound from service {instance.Name}");
        });
        SchedulerLog.ServiceUnbound(_logger, request.App, instance.Name);
        await _reconciliation.ReconcileNowAsync(context.CancellationToken);
        return new UnbindServiceReply();
    }

    // ---- helpers ----

    /// <summary>
    /// Starts a new deployment of <paramref name="appName"/> (if the app still exists) whose
    /// instances get the services environment of its current bindings, the way RestartApp rolls.
    /// Returns the new deployment, or 0 when the app is gone.
    /// </summary>
    private int RollApp(StoreTransaction tx, string appName, string eventKind, string message)
    {
        var app = tx.GetApp(appName);
        if (app is null)
        {
            return 0;
        }

        var now = _time.GetUtcNow();
        var deployment = app.Deployment + 1;
        tx.UpsertApp(app with { Deployment = deployment, Strategy = RolloutStrategies.Rolling, RolloutHalted = false, UpdatedAt = now });
        var env = ServiceEnvironment.Build(BoundServices(tx, appName));
        tx.PutServiceEnvironment(appName, deployment, _environments.Seal(appName, deployment, env));
        var oldest = tx.ListInstances(appName).Select(i => i.Deployment).DefaultIfEmpty(deployment).Min();
        tx.PruneServiceEnvironments(appName, oldest);
        tx.AppendEvent(new EventRecord { Time = now, App = appName, Kind = eventKind, Message = message });
        return deployment;
    }

    private List<BoundService> BoundServices(StoreTransaction tx, string app)
    {
        var result = new List<BoundService>();
        foreach (var binding in tx.ListBindingsOfApp(app))
        {
            var instance = tx.GetServiceInstance(binding.InstanceName);
            if (instance is not null)
            {
                var credentials = JsonNode.Parse(_secrets.Decrypt(binding.EncryptedCredentials, BindingPurpose(binding.BindingId))) as JsonObject ?? [];
                result.Add(new BoundService(instance, binding, credentials));
            }
        }

        return result;
    }

    private List<string> CurrentEnvNames(AppRecord app) =>
        _store.Read(tx => _environments.Read(tx)).For(app.Name, app.Deployment).Keys.Order(StringComparer.Ordinal).ToList();

    private async Task<ServiceInstanceRecord> PollAsync(
        ServiceInstanceRecord instance, BrokerEndpoint broker, Func<ServiceInstanceRecord, bool, Task> onPoll, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.OperationTimeout;
        while (ServiceOperations.IsInProgress(instance.LastOperation) && _time.GetUtcNow() < deadline)
        {
            await Task.Delay(_options.PollInterval, _time, cancellationToken);
            var before = instance;
            instance = await PollOnceAsync(instance, broker, cancellationToken) ?? instance;
            await onPoll(instance, instance.LastOperation != before.LastOperation || instance.Message != before.Message);
        }

        return instance;
    }

    /// <summary>Asks the broker once how the running operation goes and stores the answer; null when the instance row is gone.</summary>
    private async Task<ServiceInstanceRecord?> PollOnceAsync(ServiceInstanceRecord instance, BrokerEndpoint broker, CancellationToken cancellationToken)
    {
        var last = await _osb.LastOperationAsync(broker, instance.InstanceId, instance.ServiceId, instance.PlanId, instance.Operation, cancellationToken);
        var deleting = instance.LastOperation == ServiceOperations.DeleteInProgress;
        if (deleting && (last.Gone || last.State == OsbLastOperation.Succeeded))
        {
            _store.Write(tx => tx.DeleteServiceInstance(instance.Name));
            SchedulerLog.ServiceInstanceState(_logger, instance.Name, instance.ServiceName, instance.PlanName, "deleted", last.Description);
            return instance with { LastOperation = "deleted", Message = last.Description };
        }

        var state = last.State switch
        {
            OsbLastOperation.Succeeded => deleting ? ServiceOperations.DeleteInProgress : ServiceOperations.CreateSucceeded,
            OsbLastOperation.Failed => deleting ? ServiceOperations.DeleteFailed : ServiceOperations.CreateFailed,
            _ => instance.LastOperation,
        };
        if (state == instance.LastOperation && last.Description == instance.Message)
        {
            return instance;
        }

        var next = Save(instance with { LastOperation = state, Message = last.Description, Operation = ServiceOperations.IsInProgress(state) ? instance.Operation : "" });
        SchedulerLog.ServiceInstanceState(_logger, next.Name, next.ServiceName, next.PlanName, next.LastOperation, next.Message);
        return next;
    }

    private async Task RefreshAsync(ServiceInstanceRecord instance, CancellationToken cancellationToken)
    {
        try
        {
            await PollOnceAsync(instance, Endpoint(instance.Broker), cancellationToken);
        }
        catch (RpcException exception)
        {
            // A broker that cannot answer now must not fail a listing; the stored state is shown.
            SchedulerLog.ServicePollFailed(_logger, instance.Name, exception);
        }
    }

    private ServiceInstanceRecord Save(ServiceInstanceRecord instance)
    {
        var saved = instance with { UpdatedAt = _time.GetUtcNow() };
        _store.Write(tx => tx.UpsertServiceInstance(saved));
        return saved;
    }

    private async Task<List<(BrokerEndpoint Broker, IReadOnlyList<CatalogService> Catalog)>> ReadCatalogsAsync(CancellationToken cancellationToken)
    {
        var brokers = _store.Read(tx => tx.ListServiceBrokers());
        var result = new List<(BrokerEndpoint, IReadOnlyList<CatalogService>)>();
        foreach (var broker in brokers)
        {
            var endpoint = Endpoint(broker);
            result.Add((endpoint, await _osb.GetCatalogAsync(endpoint, cancellationToken)));
        }

        return result;
    }

    private async Task<(BrokerEndpoint Broker, CatalogService Service, CatalogPlan Plan)> FindPlanAsync(string serviceName, string planName, CancellationToken cancellationToken)
    {
        var catalogs = await ReadCatalogsAsync(cancellationToken);
        var offers = catalogs.SelectMany(c => c.Catalog.Where(s => s.Name == serviceName).Select(s => (c.Broker, Service: s))).ToList();
        if (offers.Count == 0)
        {
            var known = catalogs.SelectMany(c => c.Catalog.Select(s => s.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
            throw new RpcException(StatusCode.NotFound, catalogs.Count == 0
                ? $"service '{serviceName}' not found: no service broker is registered (minipaas create-service-broker)"
                : $"service '{serviceName}' not found in the marketplace; offered: {string.Join(", ", known)}");
        }

        if (offers.Count > 1)
        {
            throw new RpcException(StatusCode.FailedPrecondition, $"service '{serviceName}' is offered by several brokers ({string.Join(", ", offers.Select(o => o.Broker.Name))}); remove all but one");
        }

        var (broker, service) = offers[0];
        var plan = service.Plans.FirstOrDefault(p => p.Name == planName)
            ?? throw new RpcException(StatusCode.InvalidArgument, $"service '{serviceName}' has no plan '{planName}'; plans: {string.Join(", ", service.Plans.Select(p => p.Name))}");
        return (broker, service, plan);
    }

    private ServiceInstanceRecord RequireInstance(string name) =>
        _store.Read(tx => tx.GetServiceInstance(name)) ?? throw new RpcException(StatusCode.NotFound, $"service instance '{name}' not found");

    private BrokerEndpoint Endpoint(string brokerName) =>
        Endpoint(_store.Read(tx => tx.GetServiceBroker(brokerName))
            ?? throw new RpcException(StatusCode.FailedPrecondition, $"service broker '{brokerName}' is no longer registered"));

    private BrokerEndpoint Endpoint(ServiceBrokerRecord broker) =>
        new(broker.Name, new Uri(broker.Url + "/"), broker.Username, _secrets.Decrypt(broker.EncryptedPassword, BrokerPurpose(broker.Name)));

    private static void ValidateApp(string app)
    {
        if (AppNames.Validate(app) is { } error)
        {
            throw new RpcException(StatusCode.InvalidArgument, error);
        }
    }

    private static string BrokerPurpose(string name) => "broker:" + name;

    private static string BindingPurpose(string bindingId) => "binding:" + bindingId;

    private static ServiceProgress Progress(string message, ServiceInstanceRecord instance, IEnumerable<string> boundApps) =>
        new() { Message = message, Instance = Summary(instance, boundApps) };

    private static ServiceInstanceSummary Summary(StoreTransaction tx, ServiceInstanceRecord instance) =>
        Summary(instance, tx.ListBindingsOfInstance(instance.Name).Select(b => b.App));

    private static ServiceInstanceSummary Summary(ServiceInstanceRecord instance, IEnumerable<string> boundApps)
    {
        var summary = new ServiceInstanceSummary
        {
            Name = instance.Name,
            Service = instance.ServiceName,
            Plan = instance.PlanName,
            Broker = instance.Broker,
            LastOperation = instance.LastOperation,
            Message = instance.Message,
            CreatedAt = Timestamp.FromDateTimeOffset(instance.CreatedAt),
            InstanceId = instance.InstanceId,
        };
        summary.BoundApps.AddRange(boundApps);
        return summary;
    }

    private static ServiceBrokerSummary ToProto(ServiceBrokerRecord broker) => new()
    {
        Name = broker.Name,
        Url = broker.Url,
        Username = broker.Username,
        CreatedAt = Timestamp.FromDateTimeOffset(broker.CreatedAt),
    };

    private static ServiceBindingSummary BindingSummary(ServiceBindingRecord binding, IEnumerable<string> envNames)
    {
        var summary = new ServiceBindingSummary { App = binding.App, Name = binding.InstanceName, BindingId = binding.BindingId };
        summary.EnvNames.AddRange(envNames);
        return summary;
    }
}
