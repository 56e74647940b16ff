using MiniPaas.Contracts.V1;
using MiniPaas.Scheduler.Domain;
using MiniPaas.Scheduler.Routes;
using MiniPaas.Scheduler.Store;

namespace MiniPaas.Scheduler.Api;

/// <summary>AppViews builds what the CLI sees of an app from the store.</summary>
internal sealed class AppViews
{
    private readonly RouteCatalog _routes;

    public AppViews(RouteCatalog routes)
    {
        _routes = routes;
    }

    /// <summary>The app's summary; its URLs are the default route's first, then every mapped route's.</summary>
    public AppSummary Summary(AppRecord app, IReadOnlyList<InstanceRecord> instances, IEnumerable<RouteRecord> routes)
    {
        var summary = new AppSummary
        {
            Name = app.Name,
            DesiredInstances = app.DesiredInstances,
            RunningInstances = instances.Count(i => i.Desired == DesiredStatus.Run && i.Actual == Domain.InstanceState.Running),
            State = app.Started ? "started" : "stopped",
            ReleaseVersion = app.CurrentReleaseVersion,
            MemoryMb = app.MemoryMb,
        };
        summary.Urls.AddRange(_routes.RoutesOf(app.Name, routes).Select(r => r.Url));
        return summary;
    }

    public AppDetail Detail(StoreTransaction tx, AppRecord app)
    {
        var instances = tx.ListInstances(app.Name);
        var nodes = tx.ListNodes().ToDictionary(n => n.NodeId, StringComparer.Ordinal);
        var detail = new AppDetail
        {
            Summary = Summary(app, instances, tx.ListRoutes(app.Name)),
            HealthCheck = ProtoMapping.ToProto(app.HealthCheck),
            DiskMb = app.DiskMb,
        };
        detail.Env.Add(app.Env.ToDictionary());
        if (tx.GetRelease(app.Name, app.CurrentReleaseVersion) is { } release)
        {
            detail.Release = ProtoMapping.ToProto(release, app.CurrentReleaseVersion);
        }

        foreach (var instance in instances.OrderBy(i => i.Index).ThenBy(i => i.CreatedAt))
        {
            var address = instance.Port > 0 && nodes.TryGetValue(instance.NodeId, out var node) ? $"{node.Address}:{instance.Port}" : "";
            detail.Instances.Add(new InstanceDetail
            {
                Index = instance.Index,
                InstanceId = instance.InstanceId,
                State = ProtoMapping.ToProto(instance.Actual),
                NodeId = instance.NodeId,
                Address = address,
                Since = ProtoMapping.ToProto(instance.Since),
                Restarts = instance.Restarts,
                ReleaseVersion = instance.ReleaseVersion,
                LastExitCode = instance.LastExitCode,
                Message = instance.Desired == DesiredStatus.Stop ? $"stopping: {instance.Message}".TrimEnd(' ', ':') : CrashLoopNote(instance) + instance.Message,
            });
        }

        return detail;
    }

    /// <summary>
    /// A crash loop is visible in <c>minipaas app</c> while it lasts: the count only resets at a
    /// crash after a stable run, so a running instance shows none.
    /// </summary>
    private static string CrashLoopNote(InstanceRecord instance) =>
        instance.CrashCount >= 2 && instance.Actual != Domain.InstanceState.Running
            ? $"crash loop ({instance.CrashCount} crashes in a row{(instance.AwaitingRestart ? ", restart pending" : "")}): "
            : "";
}
