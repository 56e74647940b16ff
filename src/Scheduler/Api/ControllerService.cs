using System.Reflection;
using System.Threading.Channels;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;
using MiniPaas.Scheduler.Diagnostics;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Hosting;
using MiniPaas.Scheduler.Reconciliation;
using MiniPaas.Scheduler.Routes;
using MiniPaas.Scheduler.Store;
using MiniPaas.Staging;

namespace MiniPaas.Scheduler.Api;

/// <summary>
/// ControllerService implements <c>minipaas.v1.Controller</c>, the CLI's API. Every change to
/// desired state is one store transaction followed by a reconciliation pass, so the reply
/// already shows the instances that were placed.
/// </summary>
internal sealed class ControllerService
{
    private const int DefaultEventLimit = 100;
    private const int MaxEventLimit = 1000;

    private readonly SchedulerStore _store;
    private readonly SchedulerOptions _options;
    private readonly TimeProvider _time;
    private readonly ReconciliationService _reconciliation;
    private readonly AppChangeFeed _appChanges;
    private readonly AppViews _views;
    private readonly PackageUploads _uploads;
    private readonly AppStaging _staging;
    private readonly RouteCatalog _routes;
    private readonly ILogger<ControllerService> _logger;

    public ControllerService(
        SchedulerStore store,
        IOptions<SchedulerOptions> options,
        TimeProvider time,
        ReconciliationService reconciliation,
        AppChangeFeed appChanges,
        AppViews views,
        PackageUploads uploads,
        AppStaging staging,
        RouteCatalog routes,
        ILogger<ControllerService> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _reconciliation = reconciliation;
        _appChanges = appChanges;
        _views = views;
        _uploads = uploads;
        _staging = staging;
        _routes = routes;
        _logger = logger;
    }

    public Task<UploadReply> UploadPackage(IAsyncStreamReader<UploadChunk> requests, ServerCallContext context) =>
        _uploads.ReceiveAsync(requests, context.CancellationToken);

    public async Task Deploy(DeployRequest request, IServerStreamWriter<DeployProgress> responses, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        ValidateName(request.App);
        var strategy = string.IsNullOrEmpty(request.Strategy) ? RolloutStrategies.Rolling : request.Strategy;
        if (!RolloutStrategies.IsKnown(strategy))
        {
            throw new RpcException(StatusCode.InvalidArgument, $"unknown deploy strategy '{request.Strategy}': use 'rolling' or 'recreate'");
        }

        var package = _store.Read(tx => tx.GetPackage(request.PackageId))
            ?? throw new RpcException(StatusCode.NotFound, $"package '{request.PackageId}' not found: upload it first");

        // Check the settings and the new app's default route before the slow staging, so a typo fails fast.
        _store.Read(tx =>
        {
            var existing = tx.GetApp(request.App);
            if (existing is null)
            {
                _routes.EnsureDefaultRouteFree(tx, request.App);
            }

            return AppSettingsApplier.Apply(existing, request.App, request.Settings, _options.MaxInstancesPerApp, _time.GetUtcNow());
        });

        var image = await StageAsync(request, package, responses, cancellationToken);

        var now = _time.GetUtcNow();
        var (app, release) = _store.Write(tx =>
        {
            var existing = tx.GetApp(request.App);
            if (existing is null)
            {
                _routes.EnsureDefaultRouteFree(tx, request.App);
            }

            var applied = AppSettingsApplier.Apply(existing, request.App, request.Settings, _options.MaxInstancesPerApp, now);
            var created = new ReleaseRecord
            {
                App = request.App,
                Version = tx.LatestReleaseVersion(request.App) + 1,
                ImageRepository = image.Repository,
                ImageDigest = image.ManifestDigest,
                Stack = image.Stack,
                Command = image.Command,
                Env = applied.Env,
                HealthCheck = applied.HealthCheck,
                CreatedAt = now,
                Description = "push",
            };
            var updated = applied with
            {
                CurrentReleaseVersion = created.Version,
                Deployment = applied.Deployment + 1,
                Strategy = strategy,
                RolloutHalted = false,
                PlacementError = "",
            };
            tx.UpsertApp(updated);
            tx.InsertRelease(created);
            tx.AppendEvent(new EventRecord
            {
                Time = now,
                App = request.App,
                Kind = EventKinds.AppPushed,
                Message = $"{request.App} v{created.Version} pushed ({image.Stack}, {image.ManifestDigest[..Math.Min(19, image.ManifestDigest.Length)]}), {updated.DesiredInstances} instances of {updated.MemoryMb} MB",
            });
            return (updated, created);
        });

        SchedulerLog.ReleaseCreated(_logger, app.Name, release.Version, image.ImageReference);
        await responses.WriteAsync(new DeployProgress { ReleaseCreated = ProtoMapping.ToProto(release, release.Version) }, cancellationToken);

        using var changes = _appChanges.Subscribe(app.Name);
        await _reconciliation.ReconcileNowAsync(cancellationToken);
        await StreamRolloutAsync(app.Name, app.Deployment, changes, responses, cancellationToken);
    }

    public Task<ListAppsReply> ListApps(ListAppsRequest request, ServerCallContext context) => Task.FromResult(_store.Read(tx =>
    {
        var reply = new ListAppsReply();
        var instances = tx.ListInstances().ToLookup(i => i.App, StringComparer.Ordinal);
        var routes = tx.ListRoutes().ToLookup(r => r.App, StringComparer.Ordinal);
        foreach (var app in tx.ListApps())
        {
            reply.Apps.Add(_views.Summary(app, instances[app.Name].ToList(), routes[app.Name]));
        }

        return reply;
    }));

    public Task<AppDetail> GetApp(GetAppRequest request, ServerCallContext context)
    {
        ValidateName(request.App);
        return Task.FromResult(_store.Read(tx => _views.Detail(tx, RequireApp(tx, request.App))));
    }

    public async Task<AppDetail> Scale(ScaleRequest request, ServerCallContext context)
    {
        ValidateName(request.App);
        AppSettingsApplier.ValidateInstances(request.Instances, _options.MaxInstancesPerApp);
        if (request.MemoryMb < 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"memory_mb must not be negative (got {request.MemoryMb})");
        }

        return await ChangeAppAsync(request.App, app =>
        {
            var memory = request.MemoryMb > 0 ? request.MemoryMb : app.MemoryMb;

            // New memory needs new containers: roll them like a restart.
            var deployment = memory != app.MemoryMb ? app.Deployment + 1 : app.Deployment;
            var changed = app with { DesiredInstances = request.Instances, MemoryMb = memory, Deployment = deployment };
            return (changed, EventKinds.AppScaled, $"{app.Name} scaled to {request.Instances} instances of {memory} MB");
        }, context.CancellationToken);
    }

    public async Task<AppDetail> SetAppState(SetAppStateRequest request, ServerCallContext context)
    {
        ValidateName(request.App);
        return await ChangeAppAsync(request.App, app => (
            app with { Started = request.Started },
            request.Started ? EventKinds.AppStarted : EventKinds.AppStopped,
            $"{app.Name} {(request.Started ? "started" : "stopped")}"), context.CancellationToken);
    }

    public async Task<AppDetail> RestartApp(RestartAppRequest request, ServerCallContext context)
    {
        ValidateName(request.App);
        return await ChangeAppAsync(request.App, app =>
        {
            if (!app.Started)
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"app '{app.Name}' is stopped; start it instead of restarting it");
            }

            return (app with { Deployment = app.Deployment + 1, Strategy = RolloutStrategies.Rolling, RolloutHalted = false },
                EventKinds.AppRestarted, $"{app.Name} rolling restart of {app.DesiredInstances} instances");
        }, context.CancellationToken);
    }

    public async Task<DeleteAppReply> DeleteApp(DeleteAppRequest request, ServerCallContext context)
    {
        ValidateName(request.App);
        var now = _time.GetUtcNow();
        _store.Write(tx =>
        {
            RequireApp(tx, request.App);
            tx.DeleteApp(request.App);
            tx.AppendEvent(new EventRecord { Time = now, App = request.App, Kind = EventKinds.AppDeleted, Message = $"{request.App} deleted" });
        });
        await _reconciliation.ReconcileNowAsync(context.CancellationToken);
        return new DeleteAppReply();
    }

    public Task<ListReleasesReply> ListReleases(ListReleasesRequest request, ServerCallContext context)
    {
        ValidateName(request.App);
        return Task.FromResult(_store.Read(tx =>
        {
            var app = RequireApp(tx, request.App);
            var reply = new ListReleasesReply();
            reply.Releases.AddRange(tx.ListReleases(app.Name).Select(r => ProtoMapping.ToProto(r, app.CurrentReleaseVersion)));
            return reply;
        }));
    }

    public async Task<AppDetail> Rollback(RollbackRequest request, ServerCallContext context)
    {
        ValidateName(request.App);
        if (request.ToVersion < 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"to_version must be a release version or 0 for the previous one (got {request.ToVersion})");
        }

        var now = _time.GetUtcNow();
        _store.Write(tx =>
        {
            var app = RequireApp(tx, request.App);
            var releases = tx.ListReleases(app.Name);
            ReleaseRecord target;
            if (request.ToVersion == 0)
            {
                target = releases.FirstOrDefault(r => r.Version < app.CurrentReleaseVersion)
                    ?? throw new RpcException(StatusCode.FailedPrecondition, $"app '{app.Name}' has no release before v{app.CurrentReleaseVersion} to roll back to");
            }
            else
            {
                target = releases.FirstOrDefault(r => r.Version == request.ToVersion)
                    ?? throw new RpcException(StatusCode.NotFound, $"release v{request.ToVersion} of app '{app.Name}' not found");
            }

            if (target.Version == app.CurrentReleaseVersion)
            {
                throw new RpcException(StatusCode.FailedPrecondition, $"v{target.Version} is already the current release of '{app.Name}'");
            }

            // Releases are immutable: a rollback is a new release with the old image and settings.
            var release = target with { Version = tx.LatestReleaseVersion(app.Name) + 1, CreatedAt = now, Description = $"rollback to v{target.Version}" };
            tx.InsertRelease(release);
            tx.UpsertApp(app with
            {
                CurrentReleaseVersion = release.Version,
                Deployment = app.Deployment + 1,
                Env = release.Env,
                HealthCheck = release.HealthCheck,
                Strategy = RolloutStrategies.Rolling,
                RolloutHalted = false,
                UpdatedAt = now,
            });
            tx.AppendEvent(new EventRecord
            {
                Time = now,
                App = app.Name,
                Kind = EventKinds.AppRolledBack,
                Message = $"{app.Name} rolled back to v{target.Version} as v{release.Version}",
            });
        });
        await _reconciliation.ReconcileNowAsync(context.CancellationToken);
        return _store.Read(tx => _views.Detail(tx, RequireApp(tx, request.App)));
    }

    public Task<ListNodesReply> ListNodes(ListNodesRequest request, ServerCallContext context) => Task.FromResult(_store.Read(tx =>
    {
        var reserved = tx.ListInstances()
            .Where(i => i.HoldsResources)
            .GroupBy(i => i.NodeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new ResourceAmounts(g.Sum(i => i.MemoryMb), g.Sum(i => i.DiskMb), g.Count()), StringComparer.Ordinal);
        var reply = new ListNodesReply();
        foreach (var node in tx.ListNodes())
        {
            var summary = new NodeSummary
            {
                NodeId = node.NodeId,
                Address = node.Address,
                State = StoreTransaction.NodeStateText(node.State),
                Capacity = ProtoMapping.ToProto(node.Capacity),
                Used = ProtoMapping.ToProto(reserved.GetValueOrDefault(node.NodeId)),
                LastHeartbeat = ProtoMapping.ToProto(node.LastHeartbeat),
            };
            summary.Labels.Add(node.Labels.ToDictionary());
            reply.Nodes.Add(summary);
        }

        return reply;
    }));

    public Task<ListEventsReply> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        if (request.App.Length > 0)
        {
            ValidateName(request.App);
        }

        if (request.Limit < 0)
        {
            throw new RpcException(StatusCode.InvalidArgument, $"limit must not be negative (got {request.Limit})");
        }

        var limit = request.Limit == 0 ? DefaultEventLimit : Math.Min(request.Limit, MaxEventLimit);
        var reply = new ListEventsReply();
        reply.Events.AddRange(_store.Read(tx => tx.ListEvents(request.App, limit)).Select(ProtoMapping.ToProto));
        return Task.FromResult(reply);
    }

    public async Task WatchApp(GetAppRequest request, IServerStreamWriter<AppDetail> responses, ServerCallContext context)
    {
        ValidateName(request.App);
        using var changes = _appChanges.Subscribe(request.App);
        ByteString? last = null;
        try
        {
            while (true)
            {
                var detail = _store.Read(tx => tx.GetApp(request.App) is { } app ? _views.Detail(tx, app) : null);
                if (detail is null)
                {
                    if (last is null)
                    {
                        throw new RpcException(StatusCode.NotFound, $"app '{request.App}' not found");
                    }

                    return;
                }

                var bytes = detail.ToByteString();
                if (last is null || !bytes.Equals(last))
                {
                    await responses.WriteAsync(detail, context.CancellationToken);
                    last = bytes;
                }

                await changes.Changes.ReadAsync(context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The watcher went away: a normal end.
        }
    }

    public Task<PlatformInfo> GetPlatformInfo(PlatformInfoRequest request, ServerCallContext context)
    {
        var version = typeof(ControllerService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return Task.FromResult(new PlatformInfo
        {
            Version = version,
            RegistryAddress = _options.RegistryAddress,
            RouterAddress = $"{_options.RouterHost}:{_options.RouterPort}",
            AppsDomain = _options.AppsDomain,
        });
    }

    public Task<ListRoutesReply> ListRoutes(ListRoutesRequest request, ServerCallContext context) =>
        Task.FromResult(_routes.List(request.App));

    public Task<RouteSummary> MapRoute(MapRouteRequest request, ServerCallContext context) =>
        Task.FromResult(_routes.Map(request));

    public Task<RouteSummary> UnmapRoute(MapRouteRequest request, ServerCallContext context) =>
        Task.FromResult(_routes.Unmap(request));

    private async Task<StagedImage> StageAsync(DeployRequest request, PackageRecord package, IServerStreamWriter<DeployProgress> responses, CancellationToken cancellationToken)
    {
        var source = Path.Combine(_staging.SourceRoot, $"{request.App}-{Guid.NewGuid():N}");
        try
        {
            await using (var archive = File.OpenRead(package.Path))
            {
                try
                {
                    await new AppArchive { MaxBytes = _staging.MaxAppBytes }.ExtractAsync(archive, source, cancellationToken);
                }
                catch (StagingException ex)
                {
                    throw new RpcException(StatusCode.InvalidArgument, $"bad app archive: {ex.Message}");
                }
            }

            var lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
            var staging = Task.Run(async () =>
            {
                try
                {
                    return await _staging.StageAsync(
                        new StagingRequest
                        {
                            AppName = request.App,
                            SourceDirectory = source,
                            Stack = string.IsNullOrEmpty(request.Settings?.Stack) ? null : request.Settings.Stack,
                            Command = string.IsNullOrEmpty(request.Settings?.Command) ? null : request.Settings.Command,
                        },
                        new ChannelProgress(lines.Writer),
                        cancellationToken);
                }
                finally
                {
                    lines.Writer.TryComplete();
                }
            }, cancellationToken);

            await foreach (var line in lines.Reader.ReadAllAsync(cancellationToken))
            {
                await responses.WriteAsync(new DeployProgress { StagingLine = line }, cancellationToken);
            }

            try
            {
                return await staging;
            }
            catch (StagingException ex)
            {
                SchedulerLog.DeployFailed(_logger, request.App, ex.Message);
                throw new RpcException(StatusCode.InvalidArgument, $"staging failed: {ex.Message}");
            }
            catch (RegistryException ex)
            {
                SchedulerLog.DeployFailed(_logger, request.App, ex.Message);
                throw new RpcException(StatusCode.Unavailable, $"staging could not push to the registry at {_options.RegistryAddress}: {ex.Message}");
            }
        }
        finally
        {
            try
            {
                if (Directory.Exists(source))
                {
                    Directory.Delete(source, recursive: true);
                }
            }
            catch (IOException)
            {
                // Scratch space only; never fail a deploy over it.
            }
        }
    }

    private async Task StreamRolloutAsync(
        string appName, int deployment, AppChangeSubscription changes, IServerStreamWriter<DeployProgress> responses, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.DeployTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        ByteString? last = null;
        while (true)
        {
            var (detail, outcome) = _store.Read(tx =>
            {
                var app = tx.GetApp(appName);
                var result = RolloutProgress.Evaluate(app, tx.ListInstances(appName), deployment);
                return (app is null ? null : _views.Detail(tx, app), result);
            });

            if (detail is not null)
            {
                var bytes = detail.ToByteString();
                if (last is null || !bytes.Equals(last))
                {
                    await responses.WriteAsync(new DeployProgress { App = detail }, cancellationToken);
                    last = bytes;
                }
            }

            if (outcome is { } done)
            {
                await responses.WriteAsync(new DeployProgress { Message = done.Message }, cancellationToken);
                return;
            }

            try
            {
                await changes.Changes.ReadAsync(linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                var running = detail?.Summary.RunningInstances ?? 0;
                await responses.WriteAsync(new DeployProgress
                {
                    Message = $"timed out after {_options.DeployTimeout.TotalSeconds:0} s waiting for {appName} to run: {running} of {detail?.Summary.DesiredInstances ?? 0} instances running; see `minipaas events {appName}`",
                }, cancellationToken);
                return;
            }
        }
    }

    private async Task<AppDetail> ChangeAppAsync(
        string appName, Func<AppRecord, (AppRecord App, string EventKind, string Message)> change, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        _store.Write(tx =>
        {
            var (app, kind, message) = change(RequireApp(tx, appName));
            tx.UpsertApp(app with { UpdatedAt = now });
            tx.AppendEvent(new EventRecord { Time = now, App = appName, Kind = kind, Message = message });
        });
        await _reconciliation.ReconcileNowAsync(cancellationToken);
        return _store.Read(tx => _views.Detail(tx, RequireApp(tx, appName)));
    }

    private static AppRecord RequireApp(StoreTransaction tx, string name) =>
        tx.GetApp(name) ?? throw new RpcException(StatusCode.NotFound, $"app '{name}' not found");

    private static void ValidateName(string name)
    {
        if (AppNames.Validate(name) is { } error)
        {
            throw new RpcException(StatusCode.InvalidArgument, error);
        }
    }
}
