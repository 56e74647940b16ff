using System.Security.Cryptography;
using MiniPaas.Contracts.V1;
using MiniPaas.Rpc;

namespace MiniPaas.Cli.Tests.Support;

/// <summary>The Controller service's handlers, answering from <see cref="ScriptedControllerState"/>.</summary>
internal sealed class ScriptedControllerService(ScriptedControllerState state)
{
    public async Task<UploadReply> UploadPackage(IAsyncStreamReader<UploadChunk> requests, ServerCallContext context)
    {
        UploadHeader? header = null;
        var headerFirst = false;
        var chunks = new List<int>();
        using var data = new MemoryStream();
        var first = true;
        await foreach (var chunk in requests)
        {
            if (chunk.PartCase == UploadChunk.PartOneofCase.Header)
            {
                headerFirst = first;
                header = chunk.Header;
            }
            else
            {
                chunks.Add(chunk.Data.Length);
                chunk.Data.WriteTo(data);
            }

            first = false;
        }

        var bytes = data.ToArray();
        state.Uploads.Enqueue(new ReceivedUpload(header?.App ?? "", header?.Size ?? -1, chunks, bytes, headerFirst));
        return new UploadReply { PackageId = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)), Size = bytes.Length };
    }

    public async Task Deploy(DeployRequest request, IServerStreamWriter<DeployProgress> responses, ServerCallContext context)
    {
        state.Requests.Enqueue(request);
        foreach (var item in state.DeployScript)
        {
            await responses.WriteAsync(item);
        }

        if (state.DeployFailure is { } failure)
        {
            throw failure;
        }
    }

    public Task<ListAppsReply> ListApps(ListAppsRequest request, ServerCallContext context)
    {
        var reply = new ListAppsReply();
        reply.Apps.AddRange(state.Apps.Values.Select(a => a.Summary));
        return Task.FromResult(reply);
    }

    public Task<AppDetail> GetApp(GetAppRequest request, ServerCallContext context) => Task.FromResult(Find(request.App));

    public Task<AppDetail> Scale(ScaleRequest request, ServerCallContext context)
    {
        state.Requests.Enqueue(request);
        var app = Find(request.App).Clone();
        app.Summary.DesiredInstances = request.Instances;
        if (request.MemoryMb > 0)
        {
            app.Summary.MemoryMb = request.MemoryMb;
        }

        return Task.FromResult(app);
    }

    public Task<AppDetail> SetAppState(SetAppStateRequest request, ServerCallContext context)
    {
        state.Requests.Enqueue(request);
        var app = Find(request.App).Clone();
        app.Summary.State = request.Started ? "started" : "stopped";
        return Task.FromResult(app);
    }

    public Task<AppDetail> RestartApp(RestartAppRequest request, ServerCallContext context)
    {
        state.Requests.Enqueue(request);
        return Task.FromResult(Find(request.App));
    }

    public Task<DeleteAppReply> DeleteApp(DeleteAppRequest request, ServerCallContext context)
    {
        state.Requests.Enqueue(request);
        Find(request.App);
        return Task.FromResult(new DeleteAppReply());
    }

    public Task<ListReleasesReply> ListReleases(ListReleasesRequest request, ServerCallContext context)
    {
        Find(request.App);
        var reply = new ListReleasesReply();
        reply.Releases.AddRange(state.Releases);
        return Task.FromResult(reply);
    }

    public Task<AppDetail> Rollback(RollbackRequest request, ServerCallContext context)
    {
        state.Requests.Enqueue(request);
        var app = Find(request.App).Clone();
        app.Release = new ReleaseSummary { Version = request.ToVersion == 0 ? 1 : request.ToVersion, ImageDigest = "sha256:feed" };
        return Task.FromResult(app);
    }

    public Task<ListNodesReply> ListNodes(ListNodesRequest request, ServerCallContext context)
    {
        var reply = new ListNodesReply();
        reply.Nodes.AddRange(state.Nodes);
        return Task.FromResult(reply);
    }

    public Task<ListEventsReply> ListEvents(ListEventsRequest request, ServerCallContext context)
    {
        state.Requests.Enqueue(request);
        var reply = new ListEventsReply();
        reply.Events.AddRange(state.Events.Where(e => request.App.Length == 0 || e.App == request.App).Take(request.Limit));
        return Task.FromResult(reply);
    }

    public Task<ListRoutesReply> ListRoutes(ListRoutesRequest request, ServerCallContext context)
    {
        var reply = new ListRoutesReply();
        reply.Routes.AddRange(state.Routes.Where(r => request.App.Length == 0 || r.App == request.App));
        return Task.FromResult(reply);
    }

    public Task<RouteSummary> MapRoute(MapRouteRequest request, ServerCallContext context)
    {
        state.Requests.Enqueue(request);
        Find(request.App);
        var route = new RouteSummary { App = request.App, Host = request.Host, PathPrefix = request.PathPrefix, Url = $"http://{request.Host}:8080{request.PathPrefix}" };
        state.Routes.Add(route);
        return Task.FromResult(route);
    }

    public Task<RouteSummary> UnmapRoute(MapRouteRequest request, ServerCallContext context)
    {
        state.Requests.Enqueue(request);
        var route = state.Routes.Find(r => r.App == request.App && r.Host == request.Host && r.PathPrefix == request.PathPrefix)
            ?? throw new RpcException(StatusCode.NotFound, $"route {request.Host}{request.PathPrefix} is not mapped to {request.App}");
        state.Routes.Remove(route);
        return Task.FromResult(route);
    }

    public async Task WatchApp(GetAppRequest request, IServerStreamWriter<AppDetail> responses, ServerCallContext context) =>
        await responses.WriteAsync(Find(request.App));

    public Task<PlatformInfo> GetPlatformInfo(PlatformInfoRequest request, ServerCallContext context) =>
        Task.FromResult(new PlatformInfo { Version = "test", RegistryAddress = "127.0.0.1:5000" });

    private AppDetail Find(string app) =>
        state.Apps.TryGetValue(app, out var detail) ? detail : throw new RpcException(StatusCode.NotFound, $"app '{app}' not found");
}
